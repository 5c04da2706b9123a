// Every user-facing text of the chat tool, in Simplified Chinese and English side by side: text(zh-CN, en).
// `{name}` placeholders are filled by the kit's format(). Every code a page may meet has a text in `errors`
// (FailureTexts: the compiler names a missing one, and a text without its translation).
import type { FailureTexts, InLocale, Translations } from 'chat-tool-kit';
import { text as kitText, texts } from 'chat-tool-kit';
import type { ErrorCode } from '../core/api';
import type { TaskFieldName } from '../core/task-fields';

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
/** Whatever WeChat's identity check refused, the next step is the same. */
const reopen = text('无法确认你所在的聊天，请重新打开群任务', 'Could not confirm your chat; reopen Group Tasks');
/** WeChat failed a step (a client API, the card, the cloudID, the content check): nothing was done, try again. */
const weChatFailed = text('微信没有完成这个操作，请重试', 'WeChat did not complete this; try again');
/** The server failed or was too busy: try again later. */
const unavailable = text('服务暂时不可用，请稍后重试', 'Service unavailable; try again later');
/** The request does not fit this version of the server: the latest one loads when the tool opens again. */
const outOfStep = text('请求无效，请重新打开群任务', 'Invalid request; reopen Group Tasks');
const contentRefused = text(
  '内容未通过微信安全检测，请修改后再发布',
  'WeChat’s content check refused the text; change it',
);

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
  publishing: working,
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
  nobodyYet: text('还没有人', 'Nobody yet'),
  everyoneExpected: text('所有人都可参与', 'Open to everyone'),

  progressImage: text('进度图预览', 'Progress image preview'),
  sendImage: sendToChat,
  preparingImage: text('正在生成图片…', 'Preparing the image…'),
  reminded: text('已提醒', 'Reminder sent'),
  remindPreparing: text('正在准备名单，请稍后再点', 'Preparing the list; tap again soon'),
  shared: text('已发送', 'Sent'),
  noPending: text('所有成员都已参与', 'Everyone has acted'),

  errors: {
    NETWORK: text('网络不通，请重试', 'No connection; try again'),
    NOT_IN_CHAT: notInChat,
    PLATFORM: weChatFailed,
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
    CONTENT_CHECK_FAILED: weChatFailed,
    CAPACITY_INVALID: text('人数上限不正确', 'Invalid capacity'),
    DEADLINE_INVALID: text('截止时间须晚于现在', 'Deadline must be in the future'),
    AUDIENCE_INVALID: text('参与成员不正确，请重新选择', 'Invalid members; choose again'),
    CLOUD_ID_INVALID: reopen,
    CLOUD_ID_EXPIRED: reopen,
    CLOUD_ID_FOREIGN: reopen,
    NOT_FOUND: text('任务不存在或已被删除', 'Task not found'),
    WRONG_ROOM: text('这个任务属于另一个聊天', 'This task belongs to another chat'),
    NOT_CREATOR: text('只有发布者可以这样做', 'Only the poster can do this'),
    NOT_INVITED: text('你无需参与这个任务', 'This task is not for you'),
    NOT_JOINED: text('你还没有参与这个任务', 'You have not joined this task'),
    ALREADY_JOINED: text('你已参与', 'You joined'),
    TASK_ENDED: text('任务已结束', 'This task has ended'),
    TASK_FULL: text('名额已满', 'No places left'),
    DEADLINE_PASSED: deadlinePassed,
    WRONG_STATE: text('任务状态已变化，请刷新', 'The task changed; refresh'),
    BUSY: unavailable,
    PLATFORM_FAILED: weChatFailed,
    OUTCOME_UNKNOWN: text('未确认是否已保存，请刷新查看', 'Not confirmed; refresh to see if it was saved'),
    INTERNAL: unavailable,
  } satisfies FailureTexts<ErrorCode>,
};

/** The texts of `locale`, or of the language WeChat runs in; pages call it once in onLoad. */
export const messagesFor = texts(TEXTS);

export type Messages = InLocale<typeof TEXTS>;
