// The contract between the chat tool and the `groupTask` cloud function.
// Identity never travels in these requests: the server takes the caller's openid from its own context
// and the caller's room and group_openid from the cloudID it resolves itself (wx.getChatToolInfo).

import type { ApiError as KitApiError, ApiResult as KitApiResult } from 'chat-tool-kit';
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

/** A participant as other members may see them: group_openids only, never openids. */
export interface ParticipantView {
  groupOpenid: string;
  at: number;
}

/** Where the viewer stands: what the page offers them and what their card says. */
export type ViewerStatus = 'done' | 'waitlisted' | 'pending' | 'notInvited' | 'outsider';

export interface ViewerActions {
  join: boolean;
  leave: boolean;
  remind: boolean;
  markClosingSoon: boolean;
  end: boolean;
  renewCard: boolean;
}

/** A task as one viewer sees it: its fields (task-fields.ts) and where the viewer and the card stand. */
export interface TaskView extends TaskDraft {
  id: string;
  state: TaskState;
  chatType: ChatType;
  creatorGroupOpenid: string;
  participants: ParticipantView[];
  waitlist: ParticipantView[];
  /** Members expected to act: the chosen members, or null when the task is for everyone. */
  expected: number | null;
  viewer: {
    isCreator: boolean;
    groupOpenid: string | null;
    status: ViewerStatus;
    /** The card's subtitle for this viewer, as WeChat renders it (docs/platform.md, "Card templates and subtitles"). */
    cardText: string;
    can: ViewerActions;
  };
  card: {
    activityExpiresAt: number;
    expired: boolean;
    /** False while WeChat has not yet confirmed the latest change; the server keeps retrying. */
    inSync: boolean;
  };
  createdAt: number;
}

export type TaskSummary = Pick<
  TaskView,
  'id' | 'title' | 'kind' | 'state' | 'deadline' | 'capacity' | 'expected' | 'createdAt'
> & { done: number; status: ViewerStatus; isCreator: boolean };

// What the client hands WeChat to post the card and to remind members is the kit's (kit/core/share.ts).
export type { CardShare, Reminder } from 'chat-tool-kit';

/** Each action: what the client sends and what it gets back, derived from the action table (task-actions.ts). */
export type Actions = { [A in ActionName]: { request: TaskRequest<A>; response: TaskResponse<A> } };

export type { ActionName };
export type ActionRequest<A extends ActionName> = { action: A } & TaskRequest<A>;

/** The one cloud function the chat tool calls. */
export const TASK_FUNCTION = 'groupTask';

/** The chat tool's entry page; with ?taskId it opens that task (card path, reminders, re-shares). */
export const ENTRY_PAGE = '/packageChatTool/pages/entry/index';

export function taskPagePath(taskId: string): string {
  return `${ENTRY_PAGE}?taskId=${encodeURIComponent(taskId)}`;
}
