// What each viewer sees: the task page (TaskView), and the card subtitle the platform renders for them
// (docs/platform.md#card-templates-and-subtitles) read from the card record (what the chat shows), not from the task;
// both worded in the caller's language (task-words.ts).
import type { CardViewerRole, Locale } from 'chat-tool-kit';
import { CARD_TEMPLATE, cardText } from 'chat-tool-kit';
import type { CardShare, MemberPage, Reminder, TaskSummary, TaskView, ViewerStatus } from './api';
import { taskPagePath } from './api';
import { MEMBERS_FIRST_PAGE, WAITLIST_MAX } from './limits';
import type { ListWindow, MemberEntry } from './pages';
import { memberPage } from './pages';
import { deadlinePassed, invites, isInvited, reachedEveryone } from './task';
import type { Asker, TaskSight } from './task-record';
import { sightOf } from './task-record';
import { draftOf } from './task-fields';
import type { TaskFacts } from './task-words';
import { summaryShown, taskShown } from './task-words';
import type { Member, Task } from './types';

/** Who is looking: their userId (from the server context) and, when resolved, their room and member id. */
export interface Viewer {
  userId: string;
  roomId: string | null;
  memberId: string | null;
}

/** A viewer and the language they read: what the page and the list show is worded in it (task-words.ts). */
export interface Reader extends Viewer {
  locale: Locale;
}

/** The viewer's member id; the creator's is on the task even when the caller has not resolved it. */
function memberIdOf(task: Pick<Task, 'creator'>, viewer: Viewer): string | null {
  return viewer.memberId ?? (viewer.userId === task.creator.userId ? task.creator.memberId : null);
}

/** Who asks, as a store reads their facts (core/task-record.ts). */
export const askerOf = (task: Pick<Task, 'creator'>, viewer: Viewer): Asker => ({
  userId: viewer.userId,
  memberId: memberIdOf(task, viewer),
});

export function viewerStatus(task: Task, viewer: Viewer): ViewerStatus {
  return statusOf(listingOf(task, viewer), viewer);
}

/** How many members were chosen; null when the task is for everyone. */
export const expectedCount = (task: Task): number | null =>
  task.audience.kind === 'members' ? task.audience.memberIds.length : null;

/** The first page of a list as read (its first items and its size), notes and all. */
const firstPage = (window: ListWindow<MemberEntry>): MemberPage => memberPage(window, null, MEMBERS_FIRST_PAGE);

/** The task page for one viewer, from what one read of the task showed them (TaskSight), in their language. */
export function viewSight(sight: TaskSight, viewer: Reader, now: number): TaskView {
  const facts = factsOf(sight, viewer, now);
  return { ...facts, shown: taskShown(facts, viewer.locale) };
}

function factsOf(sight: TaskSight, viewer: Viewer, now: number): TaskFacts {
  const { head, facts } = sight;
  const isCreator = viewer.userId === head.creator.userId;
  const memberId = memberIdOf(head, viewer);
  const invited = memberId === null ? null : invites(head, memberId, facts.chosen);
  const status = statusOf(
    {
      roomId: head.room.id,
      viewer: { joined: facts.standing === 'joined', waitlisted: facts.standing === 'waiting', invited },
    },
    viewer,
  );
  const live = head.state !== 'ended' && !deadlinePassed(head, now);
  const role: CardViewerRole = isCreator ? 'publisher' : invited === true ? 'participant' : 'nonParticipant';
  const { shown } = head.card;
  const roomFull = head.capacity !== null && head.counts.joined >= head.capacity;
  const { room, card, counts } = head;
  return {
    // The draft's fields but the audience, which the page sees summarized.
    ...draftOf({ ...head, audience: { kind: 'everyone' } }),
    audience: head.audience,
    id: head.id,
    state: head.state,
    chatType: room.chatType,
    counts: {
      joined: counts.joined,
      waitlisted: counts.waitlisted,
      expected: head.audience.kind === 'members' ? head.audience.count : null,
    },
    participants: firstPage(sight.participants),
    waitlist: firstPage(sight.waitlist),
    viewer: {
      isCreator,
      memberId,
      status,
      cardText: cardText(head.kind, shown.state, role, facts.marked, counts.marked),
      note: facts.standing === null ? null : facts.note,
      can: {
        join: live && status === 'pending' && (!roomFull || counts.waitlisted < WAITLIST_MAX),
        leave: live && (status === 'done' || status === 'waitlisted'),
        remind: isCreator && live,
        markClosingSoon: isCreator && live && head.state === 'open',
        end: isCreator && head.state !== 'ended',
        renewCard: isCreator && head.state !== 'ended',
        celebrate: isCreator && reachedEveryone(head),
      },
    },
    card: {
      activityExpiresAt: card.expiresAt,
      expired: now >= card.expiresAt,
      inSync: head.cardInSync,
    },
    createdAt: head.createdAt,
  };
}

/** The task page for one viewer, from the whole task. */
export const viewTask = (task: Task, viewer: Reader, now: number): TaskView =>
  viewSight(sightOf(task, askerOf(task, viewer), MEMBERS_FIRST_PAGE), viewer, now);

/**
 * What a list shows of a task, plus the facts about one viewer that decide their status. Stores can
 * produce it without loading member lists (which CloudBase's 1 MB query cap makes worth avoiding).
 */
export interface TaskListing {
  summary: Omit<TaskSummary, 'status' | 'isCreator' | 'shown'>;
  roomId: string;
  creatorUserId: string;
  viewer: {
    joined: boolean;
    waitlisted: boolean;
    /** Whether the viewer's member id is in the audience; null when the store does not know it. */
    invited: boolean | null;
  };
}

/** What a list shows of a task: fields a store may keep beside the task so that lists need no member lists. */
export type ListedTask = Pick<Task, 'id' | 'title' | 'kind' | 'state' | 'deadline' | 'capacity' | 'createdAt'> & {
  room: { id: string };
  creator: { userId: string };
  expected: number | null;
  /** The number of participants. */
  done: number;
};

export function listing(task: ListedTask, viewer: TaskListing['viewer']): TaskListing {
  const { id, title, kind, state, deadline, capacity, expected, createdAt, done } = task;
  return {
    summary: { id, title, kind, state, deadline, capacity, expected, createdAt, done },
    roomId: task.room.id,
    creatorUserId: task.creator.userId,
    viewer,
  };
}

export function listingOf(task: Task, viewer: Viewer): TaskListing {
  const memberId = memberIdOf(task, viewer);
  return listing(
    { ...task, expected: expectedCount(task), done: task.participants.length },
    {
      joined: task.participants.some((p) => p.userId === viewer.userId),
      waitlisted: task.waitlist.some((p) => p.userId === viewer.userId),
      invited: memberId === null ? null : isInvited(task, memberId),
    },
  );
}

/** Where the viewer stands, from the facts a listing keeps about them: lists and the task page agree. */
function statusOf(listing: Pick<TaskListing, 'roomId' | 'viewer'>, viewer: Viewer): ViewerStatus {
  if (viewer.roomId !== null && viewer.roomId !== listing.roomId) return 'outsider';
  const facts = listing.viewer;
  if (facts.joined) return 'done';
  if (facts.waitlisted) return 'waitlisted';
  if (facts.invited === null) return 'outsider';
  return facts.invited ? 'pending' : 'notInvited';
}

/** A task list's row for one viewer, in their language. */
export function summarizeListing(listing: TaskListing, viewer: Reader): TaskSummary {
  const facts = {
    ...listing.summary,
    status: statusOf(listing, viewer),
    isCreator: viewer.userId === listing.creatorUserId,
  };
  return { ...facts, shown: summaryShown(facts, viewer.locale) };
}

export function summarizeTask(task: Task, viewer: Reader): TaskSummary {
  return summarizeListing(listingOf(task, viewer), viewer);
}

/** Everything the client needs to post this task's card (kit/core/share.ts). */
export function shareOf(task: Task): CardShare {
  const chosen = task.audience.kind === 'members';
  return {
    activityId: task.card.activityId,
    activityExpiresAt: task.card.expiresAt,
    templateId: CARD_TEMPLATE[task.kind],
    chooseType: chosen ? 1 : 2,
    participant: task.audience.kind === 'members' ? [...task.audience.memberIds] : [],
    title: task.title,
    path: taskPagePath(task.id),
  };
}

/**
 * Members to remind: the chosen members who have not acted, or — for an "everyone" task — the room
 * members the server has seen (it cannot list a chat) who have not acted, leaving out the creator.
 * Waitlisted members already acted and are not reminded.
 */
export function pendingMemberIds(task: Task, roomMembers: readonly Member[]): string[] {
  const acted = new Set([...task.participants, ...task.waitlist].map((p) => p.memberId));
  const candidates =
    task.audience.kind === 'members'
      ? task.audience.memberIds
      : roomMembers.map((m) => m.memberId).filter((id) => id !== task.creator.memberId);
  return [...new Set(candidates)].filter((id) => !acted.has(id));
}

export function reminderOf(task: Task, members: string[]): Reminder {
  return { title: task.title, members, entrancePath: taskPagePath(task.id), type: task.kind };
}
