// The task answer (getTask, join, leave: a TaskView) and a listMembers page stay within 4 KB of JSON at any size:
// computed here for the worst case the rules allow — 500 joined and 500 waiting, the longest title, description and
// notes in the characters that cost the most bytes, ids of the longest length any rule accepts — and checked against the
// page sizes of core/limits.ts; with the words the page shows (core/task-words.ts) in either language for every kind
// of viewer, the creator's longest card notice and the dialogs of the buttons that ask first included. A larger page
// size, a field added to the view or a longer text fails here first.
import { newBinding, type Locale } from 'chat-tool-kit';
import {
  CAPACITY_MAX,
  DESCRIPTION_MAX,
  MEMBERS_PAGE,
  NOTE_MAX,
  WAITLIST_MAX,
} from '../../../packageChatTool/core/limits';
import { memberPage, memberWindowAfter, readMemberCursor } from '../../../packageChatTool/core/pages';
import { createTask } from '../../../packageChatTool/core/task';
import { taskDraft } from '../../../packageChatTool/core/task-fields';
import { TITLE_MAX_UNITS } from '../../../packageChatTool/core/title';
import type { Participant, Task } from '../../../packageChatTool/core/types';
import { viewTask } from '../../../packageChatTool/core/view';
import { NOW } from './fixtures';

const ANSWER_MAX = 4096;
/** The words of the worst case: the creator's, in English, with the longest card notice and two dialogs (1,060). */
const WORDS_MAX = 1100;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The longest id the rules accept (a group_openid: 128; a record id: 64), in characters JSON does not escape. */
const id = (n: number, length: number) => `${n}`.padStart(length, 'x');
const GROUP_OPENID_MAX = 128;
const RECORD_ID_MAX = 64;

/** An astral Chinese character: one character, two title units, four UTF-8 bytes (the most bytes per unit). */
const WIDE = '𠀀';

function worstTask(): Task {
  const draft = {
    title: WIDE.repeat(TITLE_MAX_UNITS / 2),
    description: WIDE.repeat(DESCRIPTION_MAX),
    kind: 'participate' as const,
    audience: {
      kind: 'members' as const,
      groupOpenids: Array.from({ length: CAPACITY_MAX }, (_, n) => id(n, GROUP_OPENID_MAX)),
    },
    capacity: CAPACITY_MAX,
    deadline: NOW + 365 * 24 * 60 * 60 * 1000,
  };
  // The draft passes the rules as a client would send it.
  const parsed = taskDraft.across(draft);
  expect(parsed.ok).toBe(true);
  // Every member wrote the longest note, in four-byte characters.
  const entry = (n: number): Participant => ({
    openid: id(n, 28),
    groupOpenid: id(n, GROUP_OPENID_MAX),
    at: NOW + n,
    note: WIDE.repeat(NOTE_MAX),
  });
  const task = createTask({
    id: id(0, RECORD_ID_MAX),
    draft,
    room: { id: id(0, GROUP_OPENID_MAX), chatType: 3 },
    creator: { openid: id(9999, 28), groupOpenid: id(9999, GROUP_OPENID_MAX) },
    card: newBinding({ activityId: id(0, 128), expiresAt: NOW + 24 * 60 * 60 * 1000 }, 0),
    now: NOW,
  });
  return {
    ...task,
    participants: Array.from({ length: CAPACITY_MAX }, (_, n) => entry(n)),
    waitlist: Array.from({ length: WAITLIST_MAX }, (_, n) => entry(CAPACITY_MAX + n)),
  };
}

describe('answers sized for the viewer', () => {
  const task = worstTask();
  const viewers = [
    { openid: task.creator.openid, roomId: task.room.id, groupOpenid: task.creator.groupOpenid },
    { openid: task.participants[3]!.openid, roomId: task.room.id, groupOpenid: task.participants[3]!.groupOpenid },
    { openid: task.waitlist[3]!.openid, roomId: task.room.id, groupOpenid: task.waitlist[3]!.groupOpenid },
    { openid: 'oStranger', roomId: task.room.id, groupOpenid: id(7777, GROUP_OPENID_MAX) },
  ];
  const locales: Locale[] = ['zh-CN', 'en'];
  /** The card marking every participant and one who left, in line otherwise: the creator's longest notice. */
  const markedLeaver: Task = {
    ...task,
    card: {
      ...task.card,
      shown: { ...task.card.shown, doneGroupOpenids: [...task.participants.map((p) => p.groupOpenid), id(-1, 8)] },
    },
  };

  it(`a task answer at ${CAPACITY_MAX} + ${WAITLIST_MAX} is at most ${ANSWER_MAX} bytes of JSON and ${WORDS_MAX} of words for every viewer, in either language`, () => {
    const answers = viewers.flatMap((viewer) => locales.map((locale) => viewTask(task, { ...viewer, locale }, NOW)));
    for (const view of answers) {
      expect(view.counts).toEqual({ joined: CAPACITY_MAX, waitlisted: WAITLIST_MAX, expected: CAPACITY_MAX });
      expect(view.participants.next).not.toBeNull();
      expect(view.waitlist.items.map((item) => item.note)).toContain(WIDE.repeat(NOTE_MAX));
    }
    const creator = viewTask(markedLeaver, { ...viewers[0]!, locale: 'en' }, NOW);
    expect(creator.shown.cardNotice).toMatch(/members who left/);
    expect(creator.shown.buttons.filter((button) => button.ask)).toHaveLength(2);
    const worded = [...answers, creator];
    // The member lists, the notes and the description (NOTE_MAX, DESCRIPTION_MAX) leave no room for the words in
    // 4 KB: the facts keep that bound, the words have their own (docs/pages.md, "Size").
    expect(Math.max(...worded.map((view) => bytes({ ...view, shown: undefined })))).toBeLessThanOrEqual(ANSWER_MAX);
    expect(Math.max(...worded.map((view) => bytes(view.shown)))).toBeLessThanOrEqual(WORDS_MAX);
  });

  it(`a listMembers page is at most ${ANSWER_MAX} bytes of JSON`, () => {
    const first = viewTask(task, { ...viewers[0]!, locale: 'en' }, NOW).participants;
    const after = readMemberCursor(first.next!);
    if (!after.ok) throw new Error(after.error.code);
    const { start, count } = memberWindowAfter(after.data, MEMBERS_PAGE);
    const items = task.participants.slice(start, start + count);
    const page = memberPage({ start, items, total: task.participants.length }, after.data, MEMBERS_PAGE);
    expect(page.items).toHaveLength(MEMBERS_PAGE);
    expect(page.items.every((item) => item.note === WIDE.repeat(NOTE_MAX))).toBe(true);
    expect(bytes(page)).toBeLessThanOrEqual(ANSWER_MAX);
  });
});
