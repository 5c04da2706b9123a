// The task answer (getTask, join, leave: a TaskView) and a listMembers page stay within 4 KB of JSON at any size:
// computed here for the worst case the rules allow — 500 joined and 500 waiting, the longest title, description and
// notes in the characters that cost the most bytes, ids of the longest length any rule accepts — and checked against the
// page sizes of core/limits.ts; with the words the page shows (core/task-words.ts) in either language, for every kind
// of task (kind, audience, state, card) and every kind of viewer derived from it (the creator, signed up where the
// rules let them, members on a place, waiting, marked after leaving, yet to act, not chosen, from another chat). A
// larger page size, a field added to the view, a longer text or a viewer the rules newly allow fails here first.
import { newBinding, type Locale } from 'chat-tool-kit';
import {
  CAPACITY_MAX,
  DESCRIPTION_MAX,
  MEMBERS_FIRST_PAGE,
  MEMBERS_PAGE,
  NOTE_MAX,
  WAITLIST_MAX,
} from '../../../packageChatTool/core/limits';
import { memberPage, memberWindowAfter, readMemberCursor } from '../../../packageChatTool/core/pages';
import { createTask, invites } from '../../../packageChatTool/core/task';
import { taskDraft } from '../../../packageChatTool/core/task-fields';
import { TITLE_MAX_UNITS } from '../../../packageChatTool/core/title';
import type { Member, Participant, Task, TaskKind, TaskState } from '../../../packageChatTool/core/types';
import type { TaskView } from '../../../packageChatTool/core/api';
import type { Viewer } from '../../../packageChatTool/core/view';
import { viewTask } from '../../../packageChatTool/core/view';
import { NOW } from './fixtures';

const ANSWER_MAX = 4096;
/**
 * The words of the worst case: 1,096, the creator's of an open "everyone" task with a waitlist, in Chinese, with the
 * longest card notice and two dialogs. The creator never signs up for their own task (core/task.ts invites): if they
 * could, their words would take 1,342 (a third dialog, the note's placeholder) and this test would try them.
 */
const WORDS_MAX = 1100;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The longest id the rules accept (a group_openid: 128; a record id: 64), in characters JSON does not escape. */
const id = (n: number, length: number) => `${n}`.padStart(length, 'x');
const GROUP_OPENID_MAX = 128;
const RECORD_ID_MAX = 64;

/** An astral Chinese character: one character, two title units, four UTF-8 bytes (the most bytes per unit). */
const WIDE = '𠀀';

const CREATOR = { userId: id(9999, 28), memberId: id(9999, GROUP_OPENID_MAX) };

/** What the words depend on beyond the viewer: each value the rules allow (a full task, its deadline ahead). */
interface Variant {
  kind: TaskKind;
  audience: Task['audience']['kind'];
  state: TaskState;
  /** Where the creator signed up for their own task, if they did (a creator may, when the task is for them). */
  creatorIn: 'participants' | 'waitlist' | null;
  /** What the card shows: new, every participant marked and one who left, or expired. */
  card: 'new' | 'marked' | 'expired';
}

/** Whether the rules let the creator sign up for their own task of this audience (core/task.ts invites). */
const creatorMaySignUp = (audience: Task['audience']['kind']): boolean =>
  invites({ creator: CREATOR, audience: { kind: audience } }, CREATOR.memberId, true);

const ALL_VARIANTS: Variant[] = (['participate', 'complete'] as const).flatMap((kind) =>
  (['everyone', 'members'] as const).flatMap((audience) =>
    (['open', 'closingSoon', 'ended'] as const).flatMap((state) =>
      // A complete task has no capacity, so no waitlist (task-fields.ts).
      (kind === 'complete' ? (['participants', null] as const) : (['participants', 'waitlist', null] as const)).flatMap(
        (creatorIn) =>
          (['new', 'marked', 'expired'] as const).map((card) => ({ kind, audience, state, creatorIn, card })),
      ),
    ),
  ),
);
const VARIANTS = ALL_VARIANTS.filter(({ audience, creatorIn }) => creatorIn === null || creatorMaySignUp(audience));

/** A member who signed up and left, whom the card still marks. */
const LEAVER = id(-1, GROUP_OPENID_MAX);
/** A chosen member who has not acted yet. */
const PENDING = id(-2, GROUP_OPENID_MAX);

function worstTask({ kind, audience, state, creatorIn, card }: Variant = VARIANTS[0]!): Task {
  // Every member wrote the longest note, in four-byte characters.
  const entry = (n: number): Participant => ({
    userId: id(n, 28),
    memberId: id(n, GROUP_OPENID_MAX),
    at: NOW + n,
    note: WIDE.repeat(NOTE_MAX),
  });
  const lists = {
    participants: Array.from({ length: CAPACITY_MAX }, (_, n) => entry(n)),
    waitlist: Array.from({ length: kind === 'complete' ? 0 : WAITLIST_MAX }, (_, n) => entry(CAPACITY_MAX + n)),
  };
  if (creatorIn !== null) lists[creatorIn][0] = { ...CREATOR, at: NOW, note: WIDE.repeat(NOTE_MAX) };
  const members = [...lists.participants, ...lists.waitlist].map((p) => p.memberId);
  // A members task is for who signed up (as many as it may choose, all but one) and one member who has not acted.
  const draft = {
    title: WIDE.repeat(TITLE_MAX_UNITS / 2),
    description: WIDE.repeat(DESCRIPTION_MAX),
    kind,
    audience:
      audience === 'everyone'
        ? { kind: 'everyone' as const }
        : { kind: 'members' as const, memberIds: [...members.slice(0, CAPACITY_MAX - 1), PENDING] },
    capacity: kind === 'complete' ? null : CAPACITY_MAX,
    deadline: NOW + 365 * 24 * 60 * 60 * 1000,
  };
  // The draft passes the rules as a client would send it.
  expect(taskDraft.across(draft).ok).toBe(true);
  const task = createTask({
    id: id(0, RECORD_ID_MAX),
    draft,
    room: { id: id(0, GROUP_OPENID_MAX), chatType: 3 },
    creator: CREATOR,
    card: newBinding({ activityId: id(0, 128), expiresAt: NOW + (card === 'expired' ? -1 : 24 * 60 * 60 * 1000) }, 0),
    now: NOW,
  });
  const shown =
    card === 'marked'
      ? { ...task.card.shown, doneMemberIds: [...lists.participants.map((p) => p.memberId), LEAVER] }
      : task.card.shown;
  return { ...task, state, ...lists, card: { ...task.card, shown } };
}

/**
 * Every kind of viewer of a task, derived from it: its creator, a member on a place and one waiting beyond the
 * first page, one the card still marks after leaving, a chosen member yet to act, a member of the chat the task is
 * not for, and someone from another chat.
 */
function viewersOf(task: Task): Viewer[] {
  const roomId = task.room.id;
  const member = (p: Member) => ({ userId: p.userId, roomId, memberId: p.memberId });
  const beyondFirstPage = [task.participants, task.waitlist].flatMap((list) =>
    list.slice(MEMBERS_FIRST_PAGE + 1, MEMBERS_FIRST_PAGE + 2),
  );
  return [
    member(task.creator),
    ...beyondFirstPage.map(member),
    { userId: 'oLeaver', roomId, memberId: LEAVER },
    { userId: 'oPending', roomId, memberId: PENDING },
    { userId: 'oStranger', roomId, memberId: id(7777, GROUP_OPENID_MAX) },
    { userId: 'oOutsider', roomId: id(1, GROUP_OPENID_MAX), memberId: id(7778, GROUP_OPENID_MAX) },
  ];
}

describe('answers sized for the viewer', () => {
  const task = worstTask();
  const locales: Locale[] = ['zh-CN', 'en'];

  it(`a task answer at ${CAPACITY_MAX} + ${WAITLIST_MAX} is at most ${ANSWER_MAX} bytes of JSON and ${WORDS_MAX} of words for every viewer, in either language`, () => {
    const answers = VARIANTS.flatMap((variant) => {
      const varied = worstTask(variant);
      return viewersOf(varied).flatMap((viewer) =>
        locales.map((locale) => ({ variant, viewer, view: viewTask(varied, { ...viewer, locale }, NOW) })),
      );
    });
    for (const { view } of answers) {
      expect(view.counts).toMatchObject({
        joined: CAPACITY_MAX,
        waitlisted: view.capacity === null ? 0 : WAITLIST_MAX,
      });
      expect(view.participants.next).not.toBeNull();
      expect(view.participants.items.map((item) => item.note)).toContain(WIDE.repeat(NOTE_MAX));
    }
    // Each kind of viewer the rules allow is among them: every status, and the creator's own standings where the
    // rules let them sign up (core/task.ts invites: they do not, today).
    const creatorSigns = creatorMaySignUp('everyone') || creatorMaySignUp('members');
    const statuses = ['done', 'waitlisted', 'pending', 'notInvited', 'outsider'];
    const creatorStatuses = ['notInvited', ...(creatorSigns ? ['done', 'waitlisted'] : [])];
    const kinds = new Set(answers.map(({ view }) => `${view.viewer.isCreator}:${view.viewer.status}`));
    expect([...kinds].sort()).toEqual(
      [...statuses.map((status) => `false:${status}`), ...creatorStatuses.map((status) => `true:${status}`)].sort(),
    );
    expect(answers.some(({ view }) => view.shown.cardNotice.includes('members who left'))).toBe(true);
    expect(answers.some(({ view }) => view.viewer.can.celebrate)).toBe(true);
    // The member lists, the notes and the description (NOTE_MAX, DESCRIPTION_MAX) leave no room for the words in
    // 4 KB: the facts keep that bound, the words have their own (docs/pages.md, "Size").
    const most = (size: (view: TaskView) => number) =>
      answers.reduce((worst, answer) => (size(answer.view) > size(worst.view) ? answer : worst));
    const facts = (view: TaskView) => bytes({ ...view, shown: undefined });
    const words = (view: TaskView) => bytes(view.shown);
    expect(facts(most(facts).view)).toBeLessThanOrEqual(ANSWER_MAX);
    const worst = most(words);
    expect(words(worst.view)).toBeLessThanOrEqual(WORDS_MAX);
    // The bound is the worst case's, not a guess above it.
    expect(words(worst.view)).toBeGreaterThan(WORDS_MAX - 20);
  });

  it(`a listMembers page is at most ${ANSWER_MAX} bytes of JSON`, () => {
    const first = viewTask(task, { ...viewersOf(task)[0]!, locale: 'en' }, NOW).participants;
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
