// The limits of a task, in one dependency-free file: the create page imports them on the client
// without pulling the validator and the transitions into the chat tool's package. Lengths are counted as
// people count characters (countCharacters, kit/core/fields.ts).

/** Participants of one task at most (and the most a capacity may be). */
export const CAPACITY_MAX = 500;
/** People waiting for a place at most; beyond it a sign-up is refused with TASK_FULL. */
export const WAITLIST_MAX = 500;
/** Characters (code points, as countCharacters counts them), the same unit as the title rule. */
export const DESCRIPTION_MAX = 500;
/** A deadline at least a minute ahead and at most a year ahead. */
export const DEADLINE_MIN_AHEAD_MS = 60 * 1000;
export const DEADLINE_MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Members on the first page of each list in a task answer (TaskView): small enough that the answer stays within
 * 4 KB at any size with the longest title and description the rules allow (tests/packageChatTool/core/answer-size.test.ts).
 */
export const MEMBERS_FIRST_PAGE = 3;
/** Members on each further page (listMembers), within the same 4 KB. */
export const MEMBERS_PAGE = 20;
/** Tasks on each page of a task list (listRoomTasks, listMyTasks). */
export const TASKS_PAGE = 10;
