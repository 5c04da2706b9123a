// The contract between the chat tool and the `groupTask` cloud function.
// Identity never travels in these requests: the server takes the caller's userId from its own context
// and the caller's room and member id from the chat proof it verifies itself.

import type { ApiError as KitApiError, ApiResult as KitApiResult, Page } from 'chat-tool-kit';
import { KIT_ERROR_CODES } from 'chat-tool-kit';
import type { ActionName, TaskRequest, TaskResponse } from './task-actions';
import type { TaskDraft } from './task-fields';
import type { ChatType, TaskState } from './types';

/** The group task's own refusals, beside the kit's (chat-tool-kit KIT_ERROR_CODES); the client has a text for each. */
export const TASK_ERROR_CODES = [
  'TITLE_EMPTY',
  'TITLE_TOO_LONG',
  'TITLE_CHARACTERS',
  'DESCRIPTION_TOO_LONG',
  'DESCRIPTION_CHARACTERS',
  'NOTE_TOO_LONG',
  'NOTE_CHARACTERS',
  'CAPACITY_INVALID',
  'DEADLINE_INVALID',
  'AUDIENCE_INVALID',
  'NOT_CREATOR',
  'NOT_INVITED',
  'NOT_JOINED',
  'ALREADY_JOINED',
  'TASK_ENDED',
  'TASK_FULL',
  'DEADLINE_PASSED',
  'WRONG_STATE',
] as const;

/** Every error the server can return; the client maps each to a message in the user's language. */
export const ERROR_CODES = [...KIT_ERROR_CODES, ...TASK_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ApiError = KitApiError<ErrorCode>;
export type ApiResult<T> = KitApiResult<T, ErrorCode>;

/** A participant as other members may see them: member ids only, never user ids; their note ('' for none). */
export interface ParticipantView {
  memberId: string;
  at: number;
  note: string;
}

/** The two lists of a task a page reads a page at a time (listMembers). */
export type MemberList = 'participants' | 'waitlist';
export const MEMBER_LISTS: readonly MemberList[] = ['participants', 'waitlist'];

/**
 * A page of a member list, in order of arrival: MEMBERS_FIRST_PAGE items in a TaskView, MEMBERS_PAGE from
 * listMembers (core/limits.ts), and the cursor listMembers takes for the next page (null at the end). The page keeps one entry per memberId: a member who
 * left and signed up again between two pages may come back on a later one.
 */
export type MemberPage = Page<ParticipantView>;

/** How many have signed up, are waiting and were chosen (null when the task is for everyone). */
export interface TaskCounts {
  joined: number;
  waitlisted: number;
  expected: number | null;
}

/** Who the task is for, as a page shows it: the chosen members' ids stay on the server (shareOf hands them to the share menu). */
export type AudienceSummary = { kind: 'everyone' } | { kind: 'members'; count: number };

/** Where the viewer stands: what the page offers them and what their card says. */
export type ViewerStatus = 'done' | 'waitlisted' | 'pending' | 'notInvited' | 'outsider';

export interface ViewerActions {
  join: boolean;
  leave: boolean;
  remind: boolean;
  markClosingSoon: boolean;
  end: boolean;
  renewCard: boolean;
  /** The creator of a "complete" task that reached everyone it targets may celebrate (core/task.ts reachedEveryone). */
  celebrate: boolean;
}

/**
 * exportTask's answer: the CSV file's text, a UTF-8 BOM first (written as UTF-8 it is the file's bytes, which Excel
 * opens), and a name for it (core/task-export.ts).
 */
export interface TaskExport {
  fileName: string;
  csv: string;
}

/** A server action the task page asks about first: it says what happens to this task and its card. */
export type Confirmable = 'leave' | 'markClosingSoon' | 'endTask';

/** What a button that asks first asks, and the toast once it is done. */
export interface Confirmation {
  title: string;
  content: string;
  done: string;
}

/**
 * A button of the task page: what it does (its class, and the page method its tap runs: the WXML binds the tap to
 * the method of that name, docs/platform.md#handler-names-from-data), its words and its look, and what it asks
 * first when it does.
 */
export interface TaskButton {
  action: 'join' | Confirmable | 'setNote' | 'celebrate' | 'remind' | 'shareProgress' | 'exportTask' | 'renewCard';
  label: string;
  /** None for an ordinary button. */
  look?: 'primary' | 'danger';
  ask?: Confirmation;
}

/**
 * What the task page shows of a TaskView, worded by the server in the caller's language (core/task-words.ts). The
 * page adds only what moves with its own clock and time zone: the deadline and the countdown.
 */
export interface TaskShown {
  kindTag: string;
  stateLabel: string;
  progress: string;
  /** 0..100 for the progress bar; null when there is nothing to measure against. */
  percent: number | null;
  capacity: string;
  waitlist: string;
  status: string;
  /**
   * Where the card and the page differ, and why: to the creator when members cannot reach the task from the
   * card, the card lags behind or still counts members who left; to a member the card still marks.
   */
  cardNotice: string;
  /** The creator's notice while the card the page just made did not reach the chat ('' for anyone else). */
  notPosted: string;
  participantsHeading: string;
  /** Under the heading while nobody has joined ('' once someone has). */
  nobody: string;
  /** The note input's placeholder and accessible name, its rule in it; '' when the viewer has no note to write. */
  note: string;
  /** How many chosen members have not acted yet ('' once all have), or that the task is open to everyone. */
  pending: string;
  /** The buttons the viewer may tap, in this order: viewer.can decides which. */
  buttons: TaskButton[];
}

/**
 * A task as one viewer sees it, sized for them whatever the task's size: its fields (task-fields.ts, the audience
 * summarized), the counts, the first page of each list, where the viewer and the card stand, and what the page
 * shows of it in the caller's language.
 */
export interface TaskView extends Omit<TaskDraft, 'audience'> {
  id: string;
  state: TaskState;
  chatType: ChatType;
  audience: AudienceSummary;
  counts: TaskCounts;
  /** The first page; listMembers({ list: 'participants', after: participants.next }) gives the next. */
  participants: MemberPage;
  waitlist: MemberPage;
  viewer: {
    isCreator: boolean;
    memberId: string | null;
    status: ViewerStatus;
    /** The card's subtitle for this viewer, as the chat renders it (docs/platform.md, "Card templates and subtitles"). */
    cardText: string;
    /** The viewer's own note ('' for none; null outside the lists): the input edits it wherever their entry is. */
    note: string | null;
    can: ViewerActions;
  };
  card: {
    activityExpiresAt: number;
    expired: boolean;
    /** False while the platform has not yet confirmed the latest change; the server keeps retrying. */
    inSync: boolean;
  };
  createdAt: number;
  shown: TaskShown;
}

/** What a task list's row shows of a task, worded by the server in the caller's language (core/task-words.ts). */
export interface SummaryShown {
  kindTag: string;
  stateLabel: string;
  progress: string;
  /** The viewer's standing; the page adds the time left while the task is open. */
  status: string;
  /** The row's accessible name. */
  label: string;
}

/** A task in a list: `done` is how many signed up (or marked done), `expected` as in TaskCounts. */
export type TaskSummary = Pick<TaskView, 'id' | 'title' | 'kind' | 'state' | 'deadline' | 'capacity' | 'createdAt'> &
  Pick<TaskCounts, 'expected'> & { done: number; status: ViewerStatus; isCreator: boolean; shown: SummaryShown };

/** A page of a task list, newest first (TASKS_PAGE items at most, core/limits.ts). */
export type TaskSummaryPage = Page<TaskSummary>;

// What the client hands the platform to post the card and to remind members is the kit's (kit/core/share.ts).
export type { CardShare, Reminder } from 'chat-tool-kit';

/** Each action: what the client sends and what it gets back, derived from the action table (task-actions.ts). */
export type Actions = { [A in ActionName]: { request: TaskRequest<A>; response: TaskResponse<A> } };

export type { ActionName };
export type ActionRequest<A extends ActionName> = { action: A } & TaskRequest<A>;

/** The one cloud function the chat tool calls. */
export const TASK_FUNCTION = 'groupTask';

const PAGES = '/packageChatTool/pages';

/** The chat tool's entry page; with ?taskId it opens that task (card path, reminders, re-shares). */
export const ENTRY_PAGE = `${PAGES}/entry/index`;

export function taskPagePath(taskId: string): string {
  return `${ENTRY_PAGE}?taskId=${encodeURIComponent(taskId)}`;
}

/** The task page itself, which the entry page and the create page open inside the chat tool. */
export function taskPage(taskId: string): string {
  return `${PAGES}/task/index?taskId=${encodeURIComponent(taskId)}`;
}

export const CREATE_PAGE = `${PAGES}/create/index`;

/**
 * The card's own picture, 5:4, in the package: without it the chat shows a screenshot of the page that posted the
 * card (docs/platform.md, "shareAppMessageToGroup").
 */
export const CARD_IMAGE = '/packageChatTool/assets/card.png';
