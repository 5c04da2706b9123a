// The groupTask actions, each declared once: its request schema (a parser per field) and its response type.
// The chat tool's service methods, the server's validation and its router all derive from this table
// (action-table.ts), so changing a request or a response fails to compile wherever it matters. Identity never
// travels in a request: the server takes the caller's openid from its own context and the room and group_openid
// from the cloudID it resolves itself (wx.getChatToolInfo).
import type { ActionTable, ParsedOf, RequestOf, ResponseOf } from 'chat-tool-kit';
import { cursor, optional, returns } from 'chat-tool-kit';
import type { CardShare, MemberPage, Reminder, TaskExport, TaskSummaryPage, TaskView } from './api';
import type { ChatType } from './types';
import { cloudId, envVersion, memberList, note, taskDraft, taskId } from './task-fields';

export const TASK_ACTIONS = {
  createTask: {
    request: { cloudID: cloudId, envVersion, task: taskDraft },
    response: returns<{ task: TaskView; share: CardShare }>(),
  },
  getTask: { request: { cloudID: cloudId, taskId }, response: returns<TaskView>() },
  /** The page of a task's list after `after` (the `next` of the page before: TaskView's first page, then each). */
  listMembers: {
    request: { cloudID: cloudId, taskId, list: memberList, after: cursor },
    response: returns<MemberPage>(),
  },
  /** The chat's tasks, newest first, a page at a time: no `after` for the first page, then the last page's `next`. */
  listRoomTasks: { request: { cloudID: cloudId, after: optional(cursor) }, response: returns<TaskSummaryPage>() },
  /** Tasks the caller created or signed up for, in any chat, paged as listRoomTasks; a cloudID may be sent but is not needed. */
  listMyTasks: {
    request: { cloudID: optional(cloudId), after: optional(cursor) },
    response: returns<TaskSummaryPage>(),
  },
  /** Sign up (or mark done), with the line the member writes for the chat to read ('' or left out: none). */
  join: { request: { cloudID: cloudId, taskId, note: optional(note, '') }, response: returns<TaskView>() },
  /** The caller's own note, on a place or on the waitlist, while the task takes sign-ups ('' clears it). */
  setNote: { request: { cloudID: cloudId, taskId, note }, response: returns<TaskView>() },
  /** The creator's file of every place and waitlisted member (all pages), each with time, state and note. */
  exportTask: { request: { cloudID: cloudId, taskId }, response: returns<TaskExport>() },
  leave: { request: { cloudID: cloudId, taskId }, response: returns<TaskView>() },
  pendingMembers: { request: { cloudID: cloudId, taskId }, response: returns<Reminder>() },
  markClosingSoon: { request: { cloudID: cloudId, taskId }, response: returns<TaskView>() },
  endTask: { request: { cloudID: cloudId, taskId }, response: returns<TaskView>() },
  /**
   * A new card (a new activity_id) to post to the chat, every time; the old card stays in the chat history. Of
   * two renewals at once, both get the same new card. Without envVersion the card keeps its version type.
   */
  renewCard: {
    request: { cloudID: cloudId, taskId, envVersion: optional(envVersion) },
    response: returns<{ task: TaskView; share: CardShare }>(),
  },
  /**
   * For the launcher (main package) opened from a chat: the cloudID of wx.getGroupEnterInfo → the `roomid` and
   * `chatType` wx.openChatTool needs to open the chat tool bound to that chat.
   */
  resolveChat: { request: { cloudID: cloudId }, response: returns<{ roomId: string; chatType: ChatType }>() },
} satisfies ActionTable;

export type TaskActions = typeof TASK_ACTIONS;
export type ActionName = keyof TaskActions;
/** What the client sends for action `A` (besides `action` itself). */
export type TaskRequest<A extends ActionName> = RequestOf<TaskActions, A>;
/** What the handler of action `A` receives once the request is valid. */
export type ParsedTaskRequest<A extends ActionName> = ParsedOf<TaskActions, A>;
export type TaskResponse<A extends ActionName> = ResponseOf<TaskActions, A>;
