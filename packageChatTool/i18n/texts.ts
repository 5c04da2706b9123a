// Every user-facing text of the chat tool, in Simplified Chinese and English side by side: text(zh-CN, en).
// `{name}` placeholders are filled by the kit's format(). Every code a page may meet has a text in `errors`
// (FailureTexts: the compiler names a missing one, and a text without its translation).
import type { FailureTexts, InLocale, Translations } from 'chat-tool-kit';
import { text as kitText, texts } from 'chat-tool-kit';
import type { ErrorCode } from '../core/api';
import type { TaskFieldName } from '../core/task-fields';
import type { TaskKind } from '../core/types';

/**
 * The kit's text() under a local name: each call of an imported function compiles to `(0, kit.text)(…)`, and the
 * package would carry those 9 bytes 170 times.
 */
const text = kitText;

const TEXTS = {
  toolName: text('群任务', 'Group Tasks'),
  back: text('返回', 'Back'),
  loading: text('加载中…', 'Loading…'),
  retry: text('重试', 'Retry'),
  confirm: text('确定', 'OK'),
  cancel: text('取消', 'Cancel'),

  entryIntro: text(
    '在聊天里发布任务，成员报名或打卡，卡片实时显示进度。',
    'Post a task in the chat; members sign up or check off, and its card shows the progress.',
  ),
  outsideTitle: text('请在聊天中打开群任务', 'Open Group Tasks from a chat'),
  outsideBody: text(
    '群任务是微信聊天工具，只能在群聊或单聊中使用。',
    'Group Tasks is a WeChat chat tool: it works inside a group chat or a one-to-one chat.',
  ),
  outsideSteps: text(
    ['打开一个群聊或单聊', '点击输入框旁的「+」，选择「群任务」', '在聊天里发布任务，成员点开卡片即可参与'],
    [
      'Open a group chat or a one-to-one chat',
      'Tap "+" next to the input box and choose "Group Tasks"',
      'Post a task; members join by tapping its card',
    ],
  ),
  tasksHeading: text('本聊天的任务', 'Tasks in this chat'),
  noTasks: text('还没有任务，发布第一个吧。', 'No tasks yet. Post the first one.'),
  createTask: text('发布任务', 'New task'),
  openTask: text('打开任务：{title}', 'Open task: {title}'),
  mine: text('我发布的', 'Mine'),

  titlePlaceholder: text('周六爬山报名', 'SaturdayHike'),
  titleCounterLabel: text(
    '已用 {used} 个字符，最多 {max} 个（中文算 2 个）',
    '{used} of {max} characters used (a Chinese character counts 2)',
  ),
  descriptionLabel: text('说明（选填）', 'Description (optional)'),
  descriptionPlaceholder: text('时间、地点、要带的东西…', 'When, where, what to bring…'),
  kindParticipate: text('报名参与', 'Sign up'),
  kindComplete: text('完成打卡', 'Check off'),
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
  audienceOtherPerson: text(
    '这是单聊，任务给聊天里的另一个人。',
    'This is a one-to-one chat: the task is for the other person.',
  ),
  /** A choice's accessible name when it is the selected one (Skyline does not announce aria-checked). */
  optionSelected: text('{option}，已选', '{option}, selected'),
  chooseMembers: text('选择成员', 'Choose members'),
  changeMembers: text('重新选择（已选 {count} 人）', 'Choose again ({count} chosen)'),
  noMembersChosen: text('还没有选择成员', 'No members chosen yet'),
  capacityLabel: text('人数上限（选填）', 'Capacity (optional)'),
  capacityPlaceholder: text('不限', 'Unlimited'),
  deadlineLabel: text('截止时间（选填）', 'Deadline (optional)'),
  deadlineDate: text('选择日期', 'Pick a date'),
  deadlineTime: text('选择时间', 'Pick a time'),
  clearDeadline: text('清除截止时间', 'Clear the deadline'),
  publish: text('发布到聊天', 'Post to the chat'),
  publishing: text('发布中…', 'Posting…'),
  working: text('处理中…', 'Working…'),

  capacityInvalid: text('人数上限须为 1 到 {max} 的整数', 'Capacity must be a whole number from 1 to {max}'),
  deadlineInvalid: text('截止时间须在 1 分钟到 1 年之内', 'The deadline must be between a minute and a year from now'),
  descriptionTooLong: text('说明最多 {max} 个字', 'At most {max} characters'),
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
  allTasks: text('全部任务', 'All tasks'),
  stateOpen: text('进行中', 'Open'),
  stateClosingSoon: text('即将截止', 'Closing soon'),
  stateEnded: text('已结束', 'Ended'),
  kindTagParticipate: text('报名', 'Sign-up'),
  kindTagComplete: text('打卡', 'Check-off'),
  /** What a task's kind calls a member's mark ({mark}) and what members do ({act}), in texts both kinds share. */
  marks: { participate: text('已参与', 'joined'), complete: text('已完成', 'done') } satisfies Record<
    TaskKind,
    Translations
  >,
  acts: { participate: text('报名', 'sign up'), complete: text('打卡', 'check off') } satisfies Record<
    TaskKind,
    Translations
  >,
  noDeadline: text('不限时间', 'No deadline'),
  deadlineAt: text('截止：{time}', 'Deadline: {time}'),
  countdownDays: text('剩余 {d} 天 {h} 小时', '{d} d {h} h left'),
  countdownHours: text('剩余 {h} 小时 {m} 分', '{h} h {m} min left'),
  countdownMinutes: text('剩余 {m} 分钟', '{m} min left'),
  deadlinePassed: text('已过截止时间', 'The deadline has passed'),
  progressParticipate: text('{done} 人已参与', '{done} joined'),
  progressComplete: text('{done} 人已完成', '{done} done'),
  progressParticipateOf: text('{done}/{expected} 人已参与', '{done} of {expected} joined'),
  progressCompleteOf: text('{done}/{expected} 人已完成', '{done} of {expected} done'),
  capacityOf: text('名额 {count}/{capacity}', 'Places {count}/{capacity}'),
  waitlistCount: text('候补 {count} 人', '{count} waiting'),
  participantsHeading: text('已参与的成员', 'Joined'),
  doneHeading: text('已完成的成员', 'Done'),
  waitlistHeading: text('候补', 'Waitlist'),
  pendingCount: text('{count} 人尚未行动', '{count} not yet'),
  showMore: text('显示更多', 'Show more'),
  listEnd: text('没有更多了', 'No more'),
  nobodyYet: text('还没有人', 'Nobody yet'),
  everyoneExpected: text('聊天里的所有人都可参与', 'Everyone in the chat may take part'),

  statusDoneParticipate: text('你已参与', 'You joined'),
  statusDoneComplete: text('你已完成', 'You are done'),
  statusWaitlisted: text('你在候补名单中', 'You are on the waitlist'),
  statusPending: text('等你参与', 'Waiting for you to join'),
  statusPendingComplete: text('等你完成', 'Waiting for you to finish'),
  statusNotInvited: text('你无需参与这个任务', 'This task is not for you'),
  statusCreator: text('你发布了这个任务', 'You posted this task'),
  statusOutsider: text('你不在这个聊天里，只能查看', 'You are not in this chat; view only'),
  statusEnded: text('任务已结束', 'This task has ended'),

  join: text('报名', 'Sign up'),
  joinFull: text('报名（加入候补）', 'Join the waitlist'),
  markDone: text('我已完成', 'Mark done'),
  leave: text('退出', 'Leave'),
  remind: text('提醒未参与的成员', 'Remind those pending'),
  markClosingSoon: text('标记即将截止', 'Mark closing soon'),
  end: text('结束任务', 'End the task'),
  shareProgress: text('发送进度图', 'Send a progress image'),
  progressImage: text('进度图预览', 'Progress image preview'),
  sendImage: text('发送到聊天', 'Send to the chat'),
  preparingImage: text('正在生成图片…', 'Preparing the image…'),
  renewCard: text('重新发送卡片', 'Send the card again'),
  cardExpired: text(
    '卡片已过期，成员无法从旧卡片进入，请重新发送。',
    'The card has expired and members cannot open it; send it again.',
  ),
  cardNotPosted: text(
    '卡片还没有发到聊天，请点「重新发送卡片」。',
    'The card is not in the chat yet; tap "Send the card again".',
  ),
  cardSyncing: text(
    '卡片尚未更新：微信还未接受最新变化，服务器会自动重试。',
    'The card is behind: WeChat has not taken the latest change; the server keeps retrying.',
  ),
  cardBehind: text(
    '卡片上还没显示你「{mark}」：微信还没有接受这次更新，服务器会自动重试。',
    'The card does not show you as {mark} yet: WeChat has not accepted the update; the server keeps retrying.',
  ),
  cardCountsLeavers: text(
    '卡片显示 {count} 人：退出的成员仍计在内，微信卡片不能撤回。',
    'The card counts {count}: members who left stay counted, as WeChat cards cannot take a mark back.',
  ),

  leaveWaitlist: text('退出候补', 'Leave the waitlist'),
  undoDone: text('撤销完成', 'Undo done'),
  // Dialogs: each sentence says what happens to this task, in its kind, and what its card keeps showing.
  confirmLeaveTitle: text('退出任务？', 'Leave the task?'),
  confirmLeaveWaitlistTitle: text('退出候补？', 'Leave the waitlist?'),
  confirmUndoDoneTitle: text('撤销完成？', 'Undo "done"?'),
  /** Two sentences of a dialog, one after the other. */
  sentences: text('{first}{next}', '{first} {next}'),
  leaveBody: text('任务里你不再算作参与者。', 'The task no longer counts you as joined.'),
  leaveFreesPlace: text('你的名额会空出来，其他成员可以报名。', 'Your place becomes free for others to sign up.'),
  leavePromotes: text('你的名额会让给候补的第一位成员。', 'Your place goes to the first member on the waitlist.'),
  leaveWaitlistBody: text('你会离开候补名单。', 'You leave the waitlist.'),
  undoDoneBody: text('任务里你会变回未完成。', 'The task counts you as not done again.'),
  cardKeeps: text(
    '卡片上你仍显示「{mark}」，人数也不会减少：微信卡片不能撤回标记。',
    'The card keeps showing you as {mark}, and its count does not go down: WeChat cards cannot take a mark back.',
  ),
  confirmEndTitle: text('结束任务？', 'End the task?'),
  confirmEnd: text(
    '结束后成员不能再{act}，卡片对所有人显示「已结束」，无法恢复。',
    'Nobody can {act} any more and the card shows "Ended" to everyone. This cannot be undone.',
  ),
  endDropsWaitlist: text('候补的 {count} 人不会再补上。', 'The {count} waiting will not get a place.'),
  confirmClosingTitle: text('标记即将截止？', 'Mark closing soon?'),
  confirmClosingParticipate: text(
    '卡片会对还没报名的成员显示「即将截止」，成员仍可报名。',
    'The card shows "Closing soon" to members who have not signed up; they still can.',
  ),
  confirmClosingComplete: text(
    '卡片会对还没完成的成员显示「即将截止」，成员仍可打卡。',
    'The card shows "Closing soon" to members who are not done; they still can check off.',
  ),

  joined: text('已报名', 'Signed up'),
  markedDone: text('已标记完成', 'Marked done'),
  waitlisted: text('已加入候补', 'On the waitlist'),
  left: text('已退出', 'You left'),
  leftWaitlist: text('已退出候补', 'You left the waitlist'),
  undidDone: text('已撤销完成', 'No longer done'),
  reminded: text('已提醒', 'Reminder sent'),
  remindPreparing: text('正在准备提醒名单，请稍后再点一次', 'Getting the pending members; tap again in a moment'),
  markedClosingSoon: text('已标记即将截止', 'Marked closing soon'),
  ended: text('任务已结束', 'Task ended'),
  shared: text('已发送', 'Sent'),
  noPending: text('所有成员都已参与', 'Everyone has acted'),

  errors: {
    NETWORK: text('网络不通，请检查网络后重试', 'No connection. Check the network and try again'),
    NOT_IN_CHAT: text('请在聊天中打开群任务后再试', 'Open Group Tasks from a chat and try again'),
    PLATFORM: text('微信没有完成这个操作，请重试', 'WeChat did not complete this; try again'),
    INVALID_REQUEST: text('请求无效，请刷新后重试', 'Invalid request; refresh and try again'),
    UNKNOWN_ACTION: text('版本过旧，请重新打开群任务', 'This version is outdated; reopen Group Tasks'),
    TITLE_EMPTY: text('请填写标题', 'Enter a title'),
    TITLE_TOO_LONG: text('标题最多 30 个字符（中文算 2 个）', 'At most 30 characters (a Chinese character counts 2)'),
    TITLE_CHARACTERS: text(
      '标题只能包含中文、字母和数字，不能有空格或标点',
      'Only Chinese characters, letters and digits: no spaces or punctuation',
    ),
    DESCRIPTION_TOO_LONG: text('说明太长了', 'The description is too long'),
    DESCRIPTION_CHARACTERS: text('说明里有无法显示的字符', 'The description has unshowable characters'),
    CONTENT_RISKY: text(
      '内容未通过微信安全检测，请修改后再发布',
      'WeChat’s content check refused the text; change it and post again',
    ),
    CONTENT_REVIEW: text(
      '内容可能不适合展示给全群，请修改后再发布',
      'The text may not be fit to show the whole chat; change it and post again',
    ),
    CONTENT_CHECK_FAILED: text(
      '微信暂时无法检测内容，任务未发布，请重试',
      'WeChat could not check the text; nothing was posted, try again',
    ),
    CAPACITY_INVALID: text('人数上限不正确', 'The capacity is not valid'),
    DEADLINE_INVALID: text('截止时间须晚于现在', 'The deadline must be in the future'),
    AUDIENCE_INVALID: text('参与成员不正确，请重新选择', 'The members are not valid; choose again'),
    CLOUD_ID_INVALID: text('无法确认所在聊天，请重新打开群任务', 'Could not confirm your chat; reopen Group Tasks'),
    CLOUD_ID_EXPIRED: text('聊天信息已过期，请重新打开群任务', 'The chat information expired; reopen Group Tasks'),
    CLOUD_ID_FOREIGN: text('无法确认身份，请重新打开群任务', 'Could not confirm you; reopen Group Tasks'),
    NOT_FOUND: text('任务不存在或已被删除', 'This task does not exist or was deleted'),
    WRONG_ROOM: text('这个任务属于另一个聊天', 'This task belongs to another chat'),
    NOT_CREATOR: text('只有发布者可以这样做', 'Only the person who posted it can do this'),
    NOT_INVITED: text('你不在这个任务的参与名单中', 'You are not on this task’s list'),
    NOT_JOINED: text('你还没有参与这个任务', 'You have not joined this task'),
    ALREADY_JOINED: text('你已经参与了', 'You already joined'),
    TASK_ENDED: text('任务已结束', 'This task has ended'),
    TASK_FULL: text('名额已满', 'No places left'),
    DEADLINE_PASSED: text('已过截止时间', 'The deadline has passed'),
    WRONG_STATE: text('任务状态已变化，请刷新', 'The task changed; refresh'),
    BUSY: text('同时操作的人太多，请稍后重试', 'Too many people at once; try again'),
    PLATFORM_FAILED: text('微信暂时无法更新卡片，请稍后重试', 'WeChat could not update the card; try again later'),
    OUTCOME_UNKNOWN: text(
      '服务未确认本次操作，请刷新查看是否已保存',
      'The service did not confirm the change; refresh to see if it was saved',
    ),
    INTERNAL: text('服务暂时不可用，请稍后重试', 'The service is unavailable; try again later'),
  } satisfies FailureTexts<ErrorCode>,
};

/** The texts of `locale`, or of the language WeChat runs in; pages call it once in onLoad. */
export const messagesFor = texts(TEXTS);

export type Messages = InLocale<typeof TEXTS>;
