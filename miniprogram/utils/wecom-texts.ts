// The WeCom page's text in zh-CN and English, chosen from the system language, and a text for every refusal it can
// meet (the WeCom server's, the group task's, the client's own). ES5 syntax and built-ins only, as the whole main
// package (docs/platform.md#engines).
import { isChinese } from './i18n';

export interface WecomTexts {
  title: string;
  loading: string;
  outsideChat: string;
  /** Outside WeCom: whoever opened a card sent from a WeCom chat, e.g. a customer in WeChat. */
  notWecom: string;
  /** Why the list is the truth: WeCom cannot update a card once sent (docs/platforms.md#wecom-what-it-cannot-do). */
  liveNote: string;
  empty: string;
  newTask: string;
  titlePlaceholder: string;
  titleLabel: string;
  kindParticipate: string;
  kindComplete: string;
  kindLabel: string;
  capacityPlaceholder: string;
  capacityLabel: string;
  create: string;
  createLabel: string;
  join: string;
  markDone: string;
  leave: string;
  end: string;
  publish: string;
  /** Labels name the task: '{title}' is replaced. */
  joinLabel: string;
  markDoneLabel: string;
  leaveLabel: string;
  endLabel: string;
  publishLabel: string;
  ended: string;
  /** '{count}' is replaced. */
  joined: string;
  done: string;
  published: string;
  noCardImage: string;
  retry: string;
  errors: { [code: string]: string };
  fallbackError: string;
}

var zh: WecomTexts = {
  title: '群任务接龙',
  loading: '正在进入会话…',
  notWecom: '这张卡片来自企业微信的会话：任务由企业成员在企业微信里，从会话的聊天工具栏查看和管理。',
  outsideChat: '请从客户群、客户会话或上下游会话的聊天工具栏打开本页，才能看到这个会话的任务。',
  liveNote: '企业微信发出的卡片不会自动更新，这里显示的是最新进度。',
  empty: '这个会话还没有任务。',
  newTask: '新建任务',
  titlePlaceholder: '任务标题',
  titleLabel: '任务标题，最多 15 个汉字或 30 个字母数字',
  kindParticipate: '报名',
  kindComplete: '完成',
  kindLabel: '任务类型',
  capacityPlaceholder: '人数上限（可不填）',
  capacityLabel: '人数上限，可不填',
  create: '创建并发送到会话',
  createLabel: '创建任务并把卡片发送到当前会话',
  join: '报名',
  markDone: '标记完成',
  leave: '退出',
  end: '结束',
  publish: '发送卡片',
  joinLabel: '报名参加 {title}',
  markDoneLabel: '把 {title} 标记为完成',
  leaveLabel: '退出 {title}',
  endLabel: '结束 {title}',
  publishLabel: '把 {title} 的卡片发送到当前会话',
  ended: '已结束',
  joined: '{count} 人已参与',
  done: '{count} 人已完成',
  published: '卡片已发送',
  noCardImage: '还没有设置卡片图片（WECOM_CARD_IMAGE_URL），无法发送卡片。',
  retry: '重试',
  errors: {
    NETWORK: '网络连接失败，请稍后重试。',
    NOT_CONFIGURED: '群任务的企业微信服务还没有配置好，请联系管理员（WECOM_SERVICE_URL 与服务端的环境变量）。',
    QY_FAILED: '企业微信没有完成这个操作，请稍后重试。',
    CODE_INVALID: '登录已失效，请重新打开本页。',
    SESSION_INVALID: '登录已失效，请重新打开本页。',
    SESSION_EXPIRED: '登录已过期，请重新打开本页。',
    CHAT_FOREIGN: '你不在这个客户群里，或它不属于你的企业。',
    PLATFORM_FAILED: '企业微信暂时无法响应，请稍后重试。',
    TITLE_EMPTY: '请填写任务标题。',
    TITLE_CHARACTERS: '标题只能包含汉字、字母和数字。',
    TITLE_TOO_LONG: '标题太长了。',
    CAPACITY_INVALID: '人数上限不正确。',
    TASK_ENDED: '任务已结束。',
    TASK_FULL: '名额已满。',
    NOT_CREATOR: '只有发起人可以这样做。',
  },
  fallbackError: '操作失败，请稍后重试。',
};

var en: WecomTexts = {
  title: 'Group tasks',
  loading: 'Opening the chat…',
  notWecom:
    "This card comes from a WeCom chat: the company's members see and manage its tasks in WeCom, from the chat's toolbar.",
  outsideChat:
    "Open this page from the toolbar of a customer group, a customer chat or a 上下游 chat to see that chat's tasks.",
  liveNote: 'Cards sent in WeCom never update themselves; this page shows the live progress.',
  empty: 'No tasks in this chat yet.',
  newTask: 'New task',
  titlePlaceholder: 'Task title',
  titleLabel: 'Task title, up to 30 letters and digits',
  kindParticipate: 'Sign up',
  kindComplete: 'Complete',
  kindLabel: 'Task type',
  capacityPlaceholder: 'Places (optional)',
  capacityLabel: 'Number of places, optional',
  create: 'Create and send to the chat',
  createLabel: 'Create the task and send its card to this chat',
  join: 'Sign up',
  markDone: 'Mark done',
  leave: 'Leave',
  end: 'End',
  publish: 'Send card',
  joinLabel: 'Sign up for {title}',
  markDoneLabel: 'Mark {title} done',
  leaveLabel: 'Leave {title}',
  endLabel: 'End {title}',
  publishLabel: 'Send the card of {title} to this chat',
  ended: 'Ended',
  joined: '{count} signed up',
  done: '{count} done',
  published: 'Card sent',
  noCardImage: 'No card picture is set (WECOM_CARD_IMAGE_URL), so the card cannot be sent.',
  retry: 'Try again',
  errors: {
    NETWORK: 'No connection. Please try again.',
    NOT_CONFIGURED:
      "Group tasks' WeCom service is not set up yet; ask your admin (WECOM_SERVICE_URL and the server's environment).",
    QY_FAILED: 'WeCom did not complete this. Please try again.',
    CODE_INVALID: 'Your login is no longer valid. Please open the page again.',
    SESSION_INVALID: 'Your login is no longer valid. Please open the page again.',
    SESSION_EXPIRED: 'Your login has expired. Please open the page again.',
    CHAT_FOREIGN: 'You are not in this customer group, or it is not your company’s.',
    PLATFORM_FAILED: 'WeCom is not answering. Please try again.',
    TITLE_EMPTY: 'Please enter a title.',
    TITLE_CHARACTERS: 'The title may hold only Chinese characters, letters and digits.',
    TITLE_TOO_LONG: 'The title is too long.',
    CAPACITY_INVALID: 'The number of places is not valid.',
    TASK_ENDED: 'The task has ended.',
    TASK_FULL: 'No places left.',
    NOT_CREATOR: 'Only the creator can do that.',
  },
  fallbackError: 'That did not work. Please try again.',
};

export function wecomTexts(language: string): WecomTexts {
  return isChinese(language) ? zh : en;
}

/** The text for a refusal's code, in the page's language. */
export function wecomError(texts: WecomTexts, code: string): string {
  return Object.prototype.hasOwnProperty.call(texts.errors, code) ? texts.errors[code]! : texts.fallbackError;
}

/** A template with '{name}' placeholders, filled. */
export function fill(template: string, values: { [name: string]: string | number }): string {
  return template.replace(/\{(\w+)\}/g, function (whole, name: string) {
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
  });
}
