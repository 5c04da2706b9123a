// The chat tool's own texts, in Simplified Chinese and English side by side: text(zh-CN, en); `{name}` placeholders are
// filled by the kit's format(). What the task page and the list show of a task, and every refusal, the server words in
// the caller's language (core/task-words.ts); here are the rest: labels, the create form, time, toasts, and the
// failures that happen without the server.
import type { ClientFailure, InLocale, Translations } from 'chat-tool-kit';
import { text as kitText, texts } from 'chat-tool-kit';
import type { TaskFieldName } from '../core/task-fields';
import type { TitleProblem } from '../core/title';
import type { Failure } from '../services/task-service';

/**
 * The kit's text() under a local name: each call of an imported function compiles to `(0, kit.text)(…)`, and the
 * package would carry those 9 bytes 170 times.
 */
const text = kitText;

// Texts that say the same in more than one place are written once.
const deadlinePassed = text('已过截止时间', 'Deadline passed');
const chatTasks = text('本聊天的任务', 'Tasks in this chat');
const sendToChat = text('发送到聊天', 'Send to the chat');
const working = text('处理中…', 'Working…');
const notInChat = text('请在聊天中打开群任务', 'Open Group Tasks from a chat');

const TEXTS = {
  toolName: text('群任务', 'Group Tasks'),
  back: text('返回', 'Back'),
  loading: text('加载中…', 'Loading…'),
  retry: text('重试', 'Retry'),
  confirm: text('确定', 'OK'),
  cancel: text('取消', 'Cancel'),

  entryIntro: text('发布任务，卡片显示谁报名或打卡。', 'Post a task: its card shows who signed up or checked off.'),
  outsideTitle: notInChat,
  outsideSteps: text(
    ['打开群聊或单聊', '点输入框旁的「+」，选「群任务」', '发布任务，成员点卡片参与'],
    [
      'Open a group or one-to-one chat',
      'Tap "+" by the input box, choose "Group Tasks"',
      'Post a task; members tap its card',
    ],
  ),
  tasksHeading: chatTasks,
  noTasks: text('还没有任务', 'No tasks yet'),
  createTask: text('发布任务', 'New task'),
  mine: text('我发布的', 'Mine'),

  titlePlaceholder: text('周六爬山报名', 'SaturdayHike'),
  titleCounterLabel: text('已用 {used}/{max} 字符（汉字算 2 个）', '{used} of {max} characters (Chinese counts 2)'),
  descriptionLabel: text('说明（选填）', 'Description (optional)'),
  descriptionPlaceholder: text('时间、地点、要带的东西…', 'When, where, what to bring…'),
  kindParticipate: text('报名', 'Sign up'),
  kindComplete: text('打卡', 'Check off'),
  kindParticipateHint: text(
    '成员点「报名」，卡片显示「X人已参与」',
    'Members tap "Sign up"; the card shows "X joined"',
  ),
  kindCompleteHint: text(
    '成员点「我已完成」，卡片显示「X人已完成」',
    'Members tap "Mark done"; the card shows "X done"',
  ),
  audienceEveryone: text('聊天里的所有人', 'Everyone in the chat'),
  audienceMembers: text('指定成员', 'Chosen members'),
  audienceOtherPerson: text('单聊里，任务给对方。', 'In a one-to-one chat the task is for the other person.'),
  /** A choice's accessible name when it is the selected one (Skyline does not announce aria-checked). */
  optionSelected: text('{option}，已选', '{option}, selected'),
  chooseMembers: text('选择成员', 'Choose members'),
  changeMembers: text('重新选择（已选 {count} 人）', 'Choose again ({count} chosen)'),
  noMembersChosen: text('未选择成员', 'No members chosen'),
  capacityLabel: text('人数上限（选填）', 'Capacity (optional)'),
  capacityPlaceholder: text('不限', 'Unlimited'),
  deadlineLabel: text('截止时间（选填）', 'Deadline (optional)'),
  deadlineDate: text('选择日期', 'Pick a date'),
  deadlineTime: text('选择时间', 'Pick a time'),
  clearDeadline: text('清除截止时间', 'Clear the deadline'),
  publish: sendToChat,
  working,

  // A field's problem shows under the field, and with the field's name (fieldProblem) above the form.
  capacityInvalid: text('须为 1 到 {max} 的整数', 'A whole number from 1 to {max}'),
  deadlineInvalid: text('须在 1 分钟到 1 年之内', 'Between a minute and a year from now'),
  descriptionTooLong: text('最多 {max} 个字', 'At most {max} characters'),
  membersRequired: text('请至少选择一位成员', 'Choose at least one member'),
  /** Publishing an invalid form: the first problem, with the name of its field. */
  fieldProblem: text('{field}：{problem}', '{field}: {problem}'),
  /** Each task field's name: the create page's labels, and its errors name the field (a new field in core/task-fields.ts needs one). */
  fields: {
    title: text('标题', 'Title'),
    description: text('说明', 'Description'),
    kind: text('类型', 'Kind'),
    audience: text('参与成员', 'Who takes part'),
    capacity: text('人数上限', 'Capacity'),
    deadline: text('截止时间', 'Deadline'),
  } satisfies Record<TaskFieldName, Translations>,

  taskHeading: text('任务详情', 'Task'),
  allTasks: chatTasks,
  // The deadline and the countdown move with the phone's clock, in its time zone (view/time.ts); everything else
  // the task page and the list show of a task the server words (core/task-words.ts).
  noDeadline: text('不限时间', 'No deadline'),
  deadlineAt: text('截止：{time}', 'Due {time}'),
  countdownDays: text('剩余 {d} 天 {h} 小时', '{d} d {h} h left'),
  countdownHours: text('剩余 {h} 小时 {m} 分', '{h} h {m} min left'),
  countdownMinutes: text('剩余 {m} 分钟', '{m} min left'),
  deadlinePassed,
  waitlistHeading: text('候补', 'Waitlist'),
  showMore: text('显示更多', 'Show more'),
  listEnd: text('没有更多了', 'No more'),

  /** The task page's send tap: the progress image, the celebration or the list's file. */
  send: sendToChat,
  reminded: text('已提醒', 'Reminder sent'),
  remindPreparing: text('正在准备名单，请稍后再点', 'Preparing the list; tap again soon'),
  shared: text('已发送', 'Sent'),
  noPending: text('所有成员都已参与', 'Everyone has acted'),

  /**
   * The failures a page meets without the server's words: the client's own (no connection, not in a chat, a WeChat
   * API failing), an answer it cannot read, a task page without a task, and the title rule the create form checks as
   * the server does. The server
   * words every refusal it answers in the caller's language (core/task-words.ts).
   */
  errors: {
    NETWORK: text('网络不通，请重试', 'No connection; try again'),
    NOT_IN_CHAT: notInChat,
    PLATFORM: text('微信没有完成这个操作，请重试', 'WeChat did not complete this; try again'),
    INTERNAL: text('服务暂时不可用，请稍后重试', 'Service unavailable; try again later'),
    // A page opened without a task id never asks the server.
    NOT_FOUND: text('任务不存在或已被删除', 'Task not found'),
    TITLE_EMPTY: text('请填写标题', 'Enter a title'),
    TITLE_TOO_LONG: text('标题最多 30 字符（汉字算 2 个）', 'At most 30 characters (Chinese counts 2)'),
    TITLE_CHARACTERS: text(
      '标题只能有汉字、字母和数字，不能有空格或标点',
      'Only Chinese, letters and digits: no spaces or punctuation',
    ),
  } satisfies Record<ClientFailure | 'INTERNAL' | 'NOT_FOUND' | TitleProblem, Translations>,
};

/** The texts of `locale`, or of the language WeChat runs in; pages call it once in onLoad. */
export const messagesFor = texts(TEXTS);

export type Messages = InLocale<typeof TEXTS>;

/**
 * What a failed call tells the user: the server's words for its refusal, else the page's own for a failure that
 * happened without the server (an answer without words reads as the service failing).
 */
export function failureMessage(t: Messages, { code, text }: Failure): string {
  return text ?? (code in t.errors ? t.errors[code as keyof Messages['errors']] : t.errors.INTERNAL);
}
