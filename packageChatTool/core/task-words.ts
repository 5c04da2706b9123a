// What the task page and the task list show of a task, and what each refusal tells the user, worded by the server in
// the caller's language (the kit's LOCALE_FIELD travels with every call). Server only: the cloud function imports it,
// the chat tool only the types of what it answers (core/api.ts TaskShown, SummaryShown), so neither these texts nor
// these rules are in the chat tool's package (docs/pages.md, "Size"). Both languages side by side: text(zh-CN, en),
// the compiler naming a missing one.
import type { Locale, Translations } from 'chat-tool-kit';
import { format, text, textsIn } from 'chat-tool-kit';
import type {
  Confirmable,
  ErrorCode,
  Confirmation,
  SummaryShown,
  TaskButton,
  TaskShown,
  TaskSummary,
  TaskView,
  ViewerStatus,
} from './api';
import { NOTE_MAX } from './limits';
import type { TaskKind, TaskState } from './types';

/** A task as the server answers it, before its words. */
export type TaskFacts = Omit<TaskView, 'shown'>;
export type SummaryFacts = Omit<TaskSummary, 'shown'>;

// Texts that say the same in more than one place are written once.
const signUp = text('报名', 'Sign up');
const checkOff = text('打卡', 'Check off');
const closingSoon = text('即将截止', 'Closing soon');
const taskEnded = text('任务已结束', 'This task has ended');
const leaveWaitlist = text('退出候补', 'Leave the waitlist');
const undoDone = text('撤销完成', 'Undo done');
const leave = text('退出', 'Leave');
const markClosingSoon = text('标记即将截止', 'Mark closing soon');
const end = text('结束任务', 'End the task');
/** Whatever the identity check refused, the next step is the same. */
const reopen = text('无法确认你所在的聊天，请重新打开群任务', 'Could not confirm your chat; reopen Group Tasks');
/** The chat platform failed a step (the card, the chat proof, the content check): nothing was done, try again. */
const platformFailed = text('聊天平台没有完成这个操作，请重试', 'The chat platform did not complete this; try again');
/** The server failed or was too busy: try again later. */
const unavailable = text('服务暂时不可用，请稍后重试', 'Service unavailable; try again later');
/** The request does not fit this version of the server: the latest one loads when the tool opens again. */
const outOfStep = text('请求无效，请重新打开群任务', 'Invalid request; reopen Group Tasks');
const contentRefused = text('内容未通过安全检测，请修改后再发布', 'The content check refused the text; change it');

const WORDS = {
  states: { open: text('进行中', 'Open'), closingSoon, ended: text('已结束', 'Ended') } satisfies Record<
    TaskState,
    Translations
  >,
  kindTags: { participate: signUp, complete: checkOff } satisfies Record<TaskKind, Translations>,
  /** What a task's kind calls a member's mark ({mark}) and what members do ({act}), in texts both kinds share. */
  marks: { participate: text('已参与', 'joined'), complete: text('已完成', 'done') } satisfies Record<
    TaskKind,
    Translations
  >,
  acts: { participate: text('报名', 'sign up'), complete: text('打卡', 'check off') } satisfies Record<
    TaskKind,
    Translations
  >,
  progress: text('{done} 人{mark}', '{done} {mark}'),
  progressOf: text('{done}/{expected} 人{mark}', '{done} of {expected} {mark}'),
  capacityOf: text('名额 {count}/{capacity}', 'Places {count}/{capacity}'),
  waitlistCount: text('候补 {count} 人', '{count} waiting'),
  participantsHeading: text('已参与的成员', 'Joined'),
  doneHeading: text('已完成的成员', 'Done'),
  pendingCount: text('{count} 人尚未行动', '{count} not yet'),
  everyoneExpected: text('所有人都可参与', 'Open to everyone'),
  nobodyYet: text('还没有人', 'Nobody yet'),
  openTask: text('打开 {title}', 'Open {title}'),

  /** Where the viewer stands; "done" and "waitlisted" are also the toast once a sign-up got them there. */
  statuses: {
    done: { participate: text('你已参与', 'You joined'), complete: text('你已完成', 'You are done') },
    waitlisted: text('你在候补名单中', 'You are on the waitlist'),
    pending: text('等你{act}', 'Waiting for you to {act}'),
    notInvited: text('你无需参与这个任务', 'This task is not for you'),
    outsider: text('你不在这个聊天里，只能查看', 'You are not in this chat; view only'),
  } satisfies Record<ViewerStatus, Translations | Record<TaskKind, Translations>>,
  statusCreator: text('你发布了这个任务', 'You posted this task'),
  statusEnded: taskEnded,

  join: signUp,
  joinFull: text('候补报名', 'Join the waitlist'),
  markDone: text('我已完成', 'Mark done'),
  leave,
  leaveWaitlist,
  undoDone,
  remind: text('提醒未参与的成员', 'Remind those pending'),
  markClosingSoon,
  end,
  shareProgress: text('发送进度图', 'Send a progress image'),
  renewCard: text('重新发送卡片', 'Send the card again'),
  setNote: text('保存备注', 'Save note'),
  exportTask: text('导出名单', 'Export the list'),
  celebrate: text('发送庆祝表情', 'Send a celebration'),
  /** The note input's placeholder and accessible name: its rule is the server's (NOTE_MAX, task-fields.ts note). */
  note: text('备注（选填，一行，最多 {max} 字）', 'Note (optional, one line, up to {max} characters)'),

  // Card notices: a sent card can take no mark back, and the server retries what the platform has not taken yet.
  cardExpired: text(
    '卡片已过期，成员无法进入，请重新发送。',
    'The card expired and members cannot open it; send it again.',
  ),
  cardNotPosted: text('卡片还没发到聊天，请重新发送。', 'The card is not in the chat yet; send it again.'),
  cardSyncing: text('卡片尚未更新，服务器会自动重试。', 'The card has not taken the update yet; the server retries.'),
  cardBehind: text(
    '卡片还没显示你「{mark}」，服务器会自动重试。',
    'The card does not show you as {mark} yet; the server keeps retrying.',
  ),
  cardCountsLeavers: text(
    '卡片显示 {count} 人，含已退出的成员：卡片不能撤回标记。',
    'The card counts {count}, members who left included: a card cannot take a mark back.',
  ),

  // Dialogs: each sentence says what happens to this task, in its kind, and what its card keeps showing.
  /** A dialog's title: the button tapped, asked. */
  ask: text('{action}？', '{action}?'),
  /** Two sentences of a dialog, one after the other. */
  sentences: text('{first}{next}', '{first} {next}'),
  leaveBody: text('任务里你不再算作参与者。', 'The task no longer counts you as joined.'),
  leaveFreesPlace: text('你的名额会空出，供他人报名。', 'Your place opens for others.'),
  leavePromotes: text('你的名额会让给第一位候补。', 'Your place goes to the first one waiting.'),
  leaveWaitlistBody: text('你会离开候补名单。', 'You leave the waitlist.'),
  undoDoneBody: text('任务里你会变回未完成。', 'The task counts you as not done again.'),
  cardKeeps: text(
    '卡片上你仍显示「{mark}」：卡片不能撤回标记。',
    'The card still shows you as {mark}: a card cannot take a mark back.',
  ),
  confirmEnd: text(
    '结束后成员不能再{act}，卡片显示「已结束」，无法恢复。',
    'Nobody can {act} any more and the card shows "Ended". This cannot be undone.',
  ),
  endDropsWaitlist: text('候补的 {count} 人不会再补上。', 'The {count} waiting will not get a place.'),
  confirmClosing: text(
    '卡片对未{act}的成员显示「即将截止」，仍可{act}。',
    'Members yet to {act} see "Closing soon" on the card; they can still {act}.',
  ),
  // The toasts once a dialog's action is done.
  left: text('已退出', 'You left'),
  leftWaitlist: text('已退出候补', 'Left the waitlist'),
  undidDone: text('已撤销完成', 'No longer done'),
  markedClosingSoon: closingSoon,
  ended: taskEnded,

  /**
   * What each refusal tells the user: the function shell words every refusal in the caller's language
   * (kit/server/chat-tool-function.ts `refusals`). The pages word only failures that happen without the server.
   */
  refusals: {
    INVALID_REQUEST: outOfStep,
    UNKNOWN_ACTION: outOfStep,
    TITLE_EMPTY: text('请填写标题', 'Enter a title'),
    TITLE_TOO_LONG: text('标题最多 30 字符（汉字算 2 个）', 'At most 30 characters (Chinese counts 2)'),
    TITLE_CHARACTERS: text(
      '标题只能有汉字、字母和数字，不能有空格或标点',
      'Only Chinese, letters and digits: no spaces or punctuation',
    ),
    DESCRIPTION_TOO_LONG: text('说明太长了', 'Description too long'),
    DESCRIPTION_CHARACTERS: text('说明里有无法显示的字符', 'Description has unshowable characters'),
    NOTE_TOO_LONG: text('备注太长了', 'Note too long'),
    NOTE_CHARACTERS: text('备注只能写一行，不能有换行或制表符', 'A note is one line: no line breaks or tabs'),
    CONTENT_RISKY: contentRefused,
    CONTENT_REVIEW: contentRefused,
    CONTENT_CHECK_FAILED: platformFailed,
    CAPACITY_INVALID: text('人数上限不正确', 'Invalid capacity'),
    DEADLINE_INVALID: text('截止时间须晚于现在', 'Deadline must be in the future'),
    AUDIENCE_INVALID: text('参与成员不正确，请重新选择', 'Invalid members; choose again'),
    CHAT_PROOF_INVALID: reopen,
    CHAT_PROOF_EXPIRED: reopen,
    CHAT_PROOF_FOREIGN: reopen,
    NOT_FOUND: text('任务不存在或已被删除', 'Task not found'),
    WRONG_ROOM: text('这个任务属于另一个聊天', 'This task belongs to another chat'),
    NOT_CREATOR: text('只有发布者可以这样做', 'Only the poster can do this'),
    NOT_INVITED: text('你无需参与这个任务', 'This task is not for you'),
    NOT_JOINED: text('你还没有参与这个任务', 'You have not joined this task'),
    ALREADY_JOINED: text('你已参与', 'You joined'),
    TASK_ENDED: taskEnded,
    TASK_FULL: text('名额已满', 'No places left'),
    DEADLINE_PASSED: text('已过截止时间', 'Deadline passed'),
    WRONG_STATE: text('任务状态已变化，请刷新', 'The task changed; refresh'),
    BUSY: unavailable,
    PLATFORM_FAILED: platformFailed,
    OUTCOME_UNKNOWN: text('未确认是否已保存，请刷新查看', 'Not confirmed; refresh to see if it was saved'),
    INTERNAL: unavailable,
  } satisfies Record<ErrorCode, Translations>,
};

/** The words of one language. */
export type Words = ReturnType<typeof wordsIn>;
export const wordsIn = textsIn(WORDS);

/** "3 人已参与", or "3/5 人已参与" when the task expects chosen members. */
function progressText(kind: TaskKind, done: number, expected: number | null, w: Words): string {
  const mark = w.marks[kind];
  return expected === null ? format(w.progress, { done, mark }) : format(w.progressOf, { done, expected, mark });
}

/** Where the viewer stands, in words; a creator outside the audience reads as the one who posted it. */
function statusText(kind: TaskKind, status: ViewerStatus, state: TaskState, isCreator: boolean, w: Words): string {
  if (isCreator && status === 'notInvited') return w.statusCreator;
  if (status === 'done') return w.statuses.done[kind];
  if (status === 'outsider') return w.statuses.outsider;
  if (state === 'ended') return w.statusEnded;
  if (status === 'pending') return format(w.statuses.pending, { act: w.acts[kind] });
  return w.statuses[status];
}

/** A marked participant's subtitle: marks never come off (docs/platform.md, "Card templates and subtitles"). */
const CARD_MARKED: Record<TaskKind, string> = { participate: '已参与', complete: '已完成' };

/** True when the viewer's card marks them, whatever the task says now. */
const cardMarksViewer = (task: TaskFacts): boolean => task.viewer.cardText === CARD_MARKED[task.kind];

const cardKeeps = (task: TaskFacts, w: Words): string => format(w.cardKeeps, { mark: w.marks[task.kind] });

function cardNotice(task: TaskFacts, w: Words): string {
  const { viewer, card } = task;
  if (task.state === 'ended') return '';
  if (!viewer.isCreator) {
    // What a member's card says that the page does not: still marked after leaving, or not yet after joining.
    const done = viewer.status === 'done';
    if (done === cardMarksViewer(task)) return '';
    return done ? format(w.cardBehind, { mark: w.marks[task.kind] }) : cardKeeps(task, w);
  }
  if (card.expired) return w.cardExpired;
  if (!card.inSync) return w.cardSyncing;
  // The publisher's subtitle is "X人已参与": X counts every member ever marked, so it may exceed the page's count.
  const counted = Number(/^\d+/.exec(viewer.cardText)?.[0] ?? 0);
  return counted > task.counts.joined ? format(w.cardCountsLeavers, { count: counted }) : '';
}

const CONFIRMABLE: readonly string[] = ['leave', 'markClosingSoon', 'endTask'] satisfies Confirmable[];

/** Leaving, closing soon and ending ask first: each says what happens to this task and its card. */
const asksFirst = (action: TaskButton['action']): action is Confirmable => CONFIRMABLE.includes(action);

/** What leaving, ending or closing soon does to this task and its card, asked before it is done. */
export function confirmation(action: Confirmable, task: TaskFacts, w: Words): Confirmation {
  const join = (...sentences: string[]): string =>
    sentences.filter(Boolean).reduce((first, next) => format(w.sentences, { first, next }));
  // The title asks the button the member tapped.
  const ask = (button: string): string => format(w.ask, { action: button });
  const act = w.acts[task.kind];
  if (action === 'endTask') {
    const { waitlisted } = task.counts;
    const waiting = waitlisted ? format(w.endDropsWaitlist, { count: waitlisted }) : '';
    return { title: ask(w.end), content: join(format(w.confirmEnd, { act }), waiting), done: w.ended };
  }
  if (action === 'markClosingSoon') {
    return { title: ask(w.markClosingSoon), content: format(w.confirmClosing, { act }), done: w.markedClosingSoon };
  }
  const keeps = cardMarksViewer(task) ? cardKeeps(task, w) : '';
  if (task.viewer.status === 'waitlisted') {
    return { title: ask(w.leaveWaitlist), content: join(w.leaveWaitlistBody, keeps), done: w.leftWaitlist };
  }
  if (task.kind === 'complete') {
    return { title: ask(w.undoDone), content: join(w.undoDoneBody, keeps), done: w.undidDone };
  }
  // Only a task with a capacity has a waitlist; leaving it hands the place to the first one waiting.
  const place = task.capacity === null ? '' : task.counts.waitlisted ? w.leavePromotes : w.leaveFreesPlace;
  return { title: ask(w.leave), content: join(w.leaveBody, place, keeps), done: w.left };
}

/** What the task page shows of `task`, in `locale`. */
export function taskShown(task: TaskFacts, locale: Locale): TaskShown {
  const w = wordsIn(locale);
  const { joined: done, waitlisted, expected } = task.counts;
  // Only chosen members may sign up or wait, so those who have not acted are the rest of the chosen.
  const pending = expected === null ? 0 : Math.max(0, expected - done - waitlisted);
  const full = task.capacity !== null && done >= task.capacity;
  const { can, isCreator, status } = task.viewer;
  const complete = task.kind === 'complete';
  // Which buttons viewer.can allows, in this order: shown, action, label and look (none unless given).
  const offered: [boolean, TaskButton['action'], string, TaskButton['look']?][] = [
    [can.join, 'join', complete ? w.markDone : full ? w.joinFull : w.join, 'primary'],
    // Leave, leave the waitlist, or undo "done" on a complete task.
    [can.leave, 'leave', status === 'waitlisted' ? w.leaveWaitlist : complete ? w.undoDone : w.leave],
    // A participant's own note, while they may still leave: the same condition as setNote's (core/task.ts).
    [can.leave, 'setNote', w.setNote],
    [can.celebrate, 'celebrate', w.celebrate, 'primary'],
    [can.remind, 'remind', w.remind],
    [isCreator, 'shareProgress', w.shareProgress],
    [isCreator, 'exportTask', w.exportTask],
    [can.renewCard, 'renewCard', w.renewCard],
    [can.markClosingSoon, 'markClosingSoon', w.markClosingSoon],
    [can.end, 'endTask', w.end, 'danger'],
  ];
  // The bar measures against the chosen members or the capacity; nothing to measure against hides it.
  const target = expected ?? task.capacity;
  return {
    kindTag: w.kindTags[task.kind],
    stateLabel: w.states[task.state],
    progress: progressText(task.kind, done, expected, w),
    percent: target ? Math.min(100, Math.round((done / target) * 100)) : null,
    capacity: task.capacity === null ? '' : format(w.capacityOf, { count: done, capacity: task.capacity }),
    waitlist: waitlisted ? format(w.waitlistCount, { count: waitlisted }) : '',
    status: statusText(task.kind, status, task.state, isCreator, w),
    cardNotice: cardNotice(task, w),
    notPosted: isCreator && task.state !== 'ended' ? w.cardNotPosted : '',
    participantsHeading: complete ? w.doneHeading : w.participantsHeading,
    nobody: done ? '' : w.nobodyYet,
    note: can.join || can.leave ? format(w.note, { max: NOTE_MAX }) : '',
    pending: expected === null ? w.everyoneExpected : pending ? format(w.pendingCount, { count: pending }) : '',
    buttons: offered
      .filter(([shown]) => shown)
      .map(([, action, label, look]) => ({
        action,
        label,
        // An ordinary button has no look: the answer carries no empty one (its words' bound, docs/pages.md "Size").
        ...(look && { look }),
        ...(asksFirst(action) && { ask: confirmation(action, task, w) }),
      })),
  };
}

/** What a task list's row shows of `task`, in `locale`. */
export function summaryShown(task: SummaryFacts, locale: Locale): SummaryShown {
  const w = wordsIn(locale);
  return {
    kindTag: w.kindTags[task.kind],
    stateLabel: w.states[task.state],
    progress: progressText(task.kind, task.done, task.expected, w),
    status: statusText(task.kind, task.status, task.state, task.isCreator, w),
    label: format(w.openTask, { title: task.title }),
  };
}
