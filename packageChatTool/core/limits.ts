// The limits of a task, in one dependency-free file: the create page imports them on the client
// without pulling the validator and the transitions into the chat tool's package. Lengths are counted as
// people count characters (countCharacters, kit/core/fields.ts).

/** Participants of one task at most (and the most a capacity may be). */
export const CAPACITY_MAX = 500;
/** People waiting for a place at most; beyond it a sign-up is refused with TASK_FULL. */
export const WAITLIST_MAX = 500;
/** Characters (code points, as countCharacters counts them), the same unit as the title rule. */
export const DESCRIPTION_MAX = 500;
/**
 * Characters of a participant's note (the 接龙 line: "+2, vegetarian", a name, a plate number), counted as the
 * description is. Short, because notes ride in every member page (below).
 */
export const NOTE_MAX = 20;
/** A deadline at least a minute ahead and at most a year ahead. */
export const DEADLINE_MIN_AHEAD_MS = 60 * 1000;
export const DEADLINE_MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Members on the first page of each list in a task answer (TaskView): small enough that the answer stays within
 * 4 KB at any size with the longest title, description and notes the rules allow
 * (tests/packageChatTool/core/answer-size.test.ts; 3 before notes).
 */
export const MEMBERS_FIRST_PAGE = 2;
/** Members on each further page (listMembers), within the same 4 KB, each with the longest note (20 before notes). */
export const MEMBERS_PAGE = 15;
/** Tasks on each page of a task list (listRoomTasks, listMyTasks). */
export const TASKS_PAGE = 10;

/**
 * The export's bytes at most (exportTask's CSV): every place and waitlisted member, each row at most
 * EXPORT_ROW_MAX_BYTES, plus the header lines (core/task-export.ts; tests/packageChatTool/core/task-export.test.ts).
 */
export const EXPORT_ROW_MAX_BYTES = 320;
export const EXPORT_MAX_BYTES = (CAPACITY_MAX + WAITLIST_MAX + 2) * EXPORT_ROW_MAX_BYTES;
