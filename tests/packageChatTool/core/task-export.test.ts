// The export's bytes (core/task-export.ts), read back with a CSV parser as a spreadsheet would: the BOM, CRLF line
// ends, RFC 4180 quoting, the notice line, every member of both lists, formula cells neutralised, and its size bound
// at the largest task the rules allow.
import { parse } from 'csv-parse/sync';
import {
  CAPACITY_MAX,
  EXPORT_MAX_BYTES,
  EXPORT_ROW_MAX_BYTES,
  NOTE_MAX,
  WAITLIST_MAX,
} from '../../../packageChatTool/core/limits';
import {
  csvField,
  EXPORT_COLUMNS,
  EXPORT_NOTICE,
  exportCsv,
  exportFileName,
} from '../../../packageChatTool/core/task-export';
import { note } from '../../../packageChatTool/core/task-fields';
import type { Participant, Task } from '../../../packageChatTool/core/types';
import { aTask, member, NOW } from './fixtures';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const rowsOf = (file: Buffer): string[][] => parse(file, { bom: true, relax_column_count: true });

const entry = (n: number, text?: string): Participant => ({
  ...member(n),
  at: NOW + n * 1000,
  ...(text === undefined ? {} : { note: text }),
});

describe('the export file', () => {
  const task: Task = {
    ...aTask({ capacity: 2 }),
    participants: [entry(1, '+2, vegetarian'), entry(2, 'say "hi"')],
    waitlist: [entry(3), entry(4, '车牌 粤B12345')],
  };
  const file = bytesOf(exportCsv(task));

  it('starts with the UTF-8 BOM and ends every line with CRLF', () => {
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('reads back as the notice, the columns and one row per place and per waitlisted member, in order', () => {
    const [notice, columns, ...rows] = rowsOf(file);
    expect(notice).toEqual([EXPORT_NOTICE]);
    expect(notice?.[0]).toMatch(/The app is given no member names/);
    expect(columns).toEqual(EXPORT_COLUMNS);
    expect(rows).toEqual([
      ['1', '已报名 joined', member(1).memberId, new Date(NOW + 1000).toISOString(), "'+2, vegetarian"],
      ['2', '已报名 joined', member(2).memberId, new Date(NOW + 2000).toISOString(), 'say "hi"'],
      ['3', '候补 waitlisted', member(3).memberId, new Date(NOW + 3000).toISOString(), ''],
      ['4', '候补 waitlisted', member(4).memberId, new Date(NOW + 4000).toISOString(), '车牌 粤B12345'],
    ]);
    // No userId leaves the server: ids that mean something only in this group.
    expect(file.toString('utf8')).not.toContain(member(1).userId);
  });

  it('says "done" for a "complete" task, and is named after the task', () => {
    const done = { ...aTask({ kind: 'complete' }), participants: [entry(1)] };
    expect(rowsOf(bytesOf(exportCsv(done)))[2]?.[1]).toBe('已完成 done');
    expect(exportFileName(done)).toBe('周六爬山.csv');
  });

  it.each(['=1+1', '+2', '-3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])(
    'neutralises a cell a spreadsheet would run as a formula: %j',
    (cell) => {
      const read = rowsOf(bytesOf(exportCsv({ ...aTask(), participants: [entry(1, cell)], waitlist: [] })));
      expect(read[2]?.[4]).toBe(`'${cell}`);
    },
  );

  it('quotes only what RFC 4180 needs quoted', () => {
    expect(csvField('plain 文字')).toBe('plain 文字');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
});

describe('the export size bound', () => {
  /** The longest group_openid the rules accept, and notes that cost the most bytes each way. */
  const ID = 'x'.repeat(128);
  const widest = [
    '𠀀'.repeat(NOTE_MAX),
    '"'.repeat(NOTE_MAX),
    `=${'𠀀'.repeat(NOTE_MAX - 1)}`,
    `="${'𠀀'.repeat(NOTE_MAX - 2)}`,
  ];

  it(`a row is at most ${EXPORT_ROW_MAX_BYTES} bytes, and the file of ${CAPACITY_MAX} + ${WAITLIST_MAX} at most ${EXPORT_MAX_BYTES}`, () => {
    for (const text of widest) expect(note(text, NOW).ok).toBe(true);
    const full = (n: number, text: string): Participant => ({ userId: `o${n}`, memberId: ID, at: NOW, note: text });
    for (const text of widest) {
      const task = {
        ...aTask(),
        participants: Array.from({ length: CAPACITY_MAX }, (_, n) => full(n, text)),
        waitlist: Array.from({ length: WAITLIST_MAX }, (_, n) => full(CAPACITY_MAX + n, text)),
      };
      const file = bytesOf(exportCsv(task));
      const lines = file.toString('utf8').split('\r\n');
      for (const line of lines) expect(bytesOf(`${line}\r\n`).length).toBeLessThanOrEqual(EXPORT_ROW_MAX_BYTES);
      expect(rowsOf(file)).toHaveLength(2 + CAPACITY_MAX + WAITLIST_MAX);
      expect(file.length).toBeLessThanOrEqual(EXPORT_MAX_BYTES);
    }
  });
});
