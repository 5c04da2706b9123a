// The export of a task's lists (exportTask): a CSV file the creator shares to the chat, one row per place and per
// waitlisted member with the time, the state and the note. RFC 4180 (fields quoted when they hold a comma, a quote
// or a line break, quotes doubled, CRLF line ends) with a UTF-8 BOM, so Excel opens it as UTF-8. Pure, and used by
// the cloud function only: the chat tool never loads it.
import type { Task } from './types';

/** The BOM Excel reads as "this file is UTF-8". */
export const BOM = '\uFEFF';

/**
 * The file's first line: the app is given no member's name or nickname (only the platform's own component shows
 * them: docs/platform.md, "open-data-list"), so the rows carry ids that mean something in this chat only and what
 * people wrote.
 */
export const EXPORT_NOTICE =
  '应用拿不到成员昵称：每行是本群内的成员 ID 和成员自己写的备注。' +
  'The app is given no member names: each row is a member id valid in this chat and the note they chose to write.';

export const EXPORT_COLUMNS = ['序号 #', '状态 state', '成员 ID member id', '时间 time (UTC)', '备注 note'];

/** What a row's state says, per list and task kind. */
const STATES = {
  participate: { participants: '已报名 joined', waitlist: '候补 waitlisted' },
  complete: { participants: '已完成 done', waitlist: '候补 waitlisted' },
} as const;

/**
 * A cell a spreadsheet would read as a formula (OWASP, "CSV Injection": a leading =, +, -, @, tab or carriage
 * return) starts with a quote mark instead, which spreadsheets show as text and do not display.
 */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A field as RFC 4180 writes it: quoted, quotes doubled, when it holds a comma, a quote or a line break. */
export function csvField(cell: string): string {
  const safe = neutralised(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (cells: readonly string[]): string => `${cells.map(csvField).join(',')}\r\n`;

/** The file's name: the title (Chinese characters, letters and digits only: core/title.ts) and the extension. */
export const exportFileName = (task: Pick<Task, 'title'>): string => `${task.title}.csv`;

/** The whole file's text, BOM first: written as UTF-8 it is the file's bytes. */
export function exportCsv(task: Pick<Task, 'kind' | 'participants' | 'waitlist'>): string {
  const rows = (['participants', 'waitlist'] as const).flatMap((list) =>
    task[list].map((entry) => [
      STATES[task.kind][list],
      entry.memberId,
      new Date(entry.at).toISOString(),
      entry.note ?? '',
    ]),
  );
  return (
    BOM +
    line([EXPORT_NOTICE]) +
    line(EXPORT_COLUMNS) +
    rows.map(([state, id, time, note], n) => line([`${n + 1}`, state, id, time, note])).join('')
  );
}
