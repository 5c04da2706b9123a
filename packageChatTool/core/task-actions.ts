// The groupTask actions, each declared once: its request schema (a parser per field) and its response type.
// The chat tool's service methods, the server's validation and its router all derive from this table
// (action-table.ts), so changing a request or a response fails to compile wherever it matters. Identity never
// travels in a request: the server takes the caller's user id from its own context and the room and member id
// from the chat proof it verifies itself.
import type { ActionTable, ParsedOf, RequestOf, ResponseOf } from 'chat-tool-kit';
import { cursor, optional, returns } from 'chat-tool-kit';
import type { CardShare, MemberPage, Reminder, TaskExport, TaskSummaryPage, TaskView } from './api';
import type { ChatType } from './types';
import { chatProof, envVersion, memberList, note, taskDraft, taskId } from './task-fields';

export const TASK_ACTIONS = {
  createTask: {
    request: { chatProof, envVersion, task: taskDraft },
    response: returns<{ task: TaskView; share: CardShare }>(),
  },
  getTask: { request: { chatProof, taskId }, response: returns<TaskView>() },
  /** The page of a task's list after `after` (the `next` of the page before: TaskView's first page, then each). */
  listMembers: {
    request: { chatProof, taskId, list: memberList, after: cursor },
    response: returns<MemberPage>(),
  },
  /** The chat's tasks, newest first, a page at a time: no `after` for the first page, then the last page's `next`. */
  listRoomTasks: { request: { chatProof, after: optional(cursor) }, response: returns<TaskSummaryPage>() },
  /** Tasks the caller created or signed up for, in any chat, paged as listRoomTasks; a chat proof may be sent but is not needed. */
  listMyTasks: {
    request: { chatProof: optional(chatProof), after: optional(cursor) },
    response: returns<TaskSummaryPage>(),
  },
  /** Sign up (or mark done), with the line the member writes for the chat to read ('' or left out: none). */
  join: { request: { chatProof, taskId, note: optional(note, '') }, response: returns<TaskView>() },
  /** The caller's own note, on a place or on the waitlist, while the task takes sign-ups ('' clears it). */
  setNote: { request: { chatProof, taskId, note }, response: returns<TaskView>() },
  /** The creator's file of every place and waitlisted member (all pages), each with time, state and note. */
  exportTask: { request: { chatProof, taskId }, response: returns<TaskExport>() },
  leave: { request: { chatProof, taskId }, response: returns<TaskView>() },
  pendingMembers: { request: { chatProof, taskId }, response: returns<Reminder>() },
  markClosingSoon: { request: { chatProof, taskId }, response: returns<TaskView>() },
  endTask: { request: { chatProof, taskId }, response: returns<TaskView>() },
  /**
   * A new card (a new card id) to post to the chat, every time; the old card stays in the chat history. Of
   * two renewals at once, both get the same new card. Without envVersion the card keeps its version type.
   */
  renewCard: {
    request: { chatProof, taskId, envVersion: optional(envVersion) },
    response: returns<{ task: TaskView; share: CardShare }>(),
  },
  /**
   * For the launcher (main package) opened from a chat: its chat proof → the room id and chat type the launcher
   * needs to open the chat tool bound to that chat.
   */
  resolveChat: { request: { chatProof }, response: returns<{ roomId: string; chatType: ChatType }>() },
} satisfies ActionTable;

export type TaskActions = typeof TASK_ACTIONS;
export type ActionName = keyof TaskActions;
/** What the client sends for action `A` (besides `action` itself). */
export type TaskRequest<A extends ActionName> = RequestOf<TaskActions, A>;
/** What the handler of action `A` receives once the request is valid. */
export type ParsedTaskRequest<A extends ActionName> = ParsedOf<TaskActions, A>;
export type TaskResponse<A extends ActionName> = ResponseOf<TaskActions, A>;
