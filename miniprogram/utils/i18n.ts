// The launcher's text in zh-CN and English, chosen from the system language. ES5 syntax and built-ins only
// (docs/platform.md#engines): the too-old message is shown on exactly the clients that run nothing newer.
import { CHAT_TOOL_BASE_LIBRARY, MIN_BASE_LIBRARY, MIN_WECHAT, type Support } from './version';

export interface LauncherTexts {
  title: string;
  intro: string;
  /** Opened anywhere else: the button asks WeChat to let the user pick a chat. */
  steps: string[];
  open: string;
  openLabel: string;
  /** Opened from a chat (a card, group todo or the group's tools): the button opens the tool in that chat. */
  stepsHere: string[];
  openHere: string;
  openHereLabel: string;
  openFailed: string;
  /** Which versions the tool needs and why. */
  requirements: string;
}

var zh: LauncherTexts = {
  title: '群任务接龙',
  intro: '在群聊里发布任务，成员报名或标记完成，卡片实时显示进度。',
  steps: ['点击下方按钮并选择一个群聊', '在群里创建任务并发送卡片', '成员点开卡片即可报名或完成'],
  open: '在群聊中打开',
  openLabel: '选择一个群聊并打开群任务接龙',
  stepsHere: ['点击下方按钮，在这个聊天中打开', '创建任务并发送卡片', '成员点开卡片即可报名或完成'],
  openHere: '在这个聊天中打开',
  openHereLabel: '在你打开小程序的这个聊天中打开群任务接龙',
  openFailed: '没能打开聊天工具，请稍后重试。',
  requirements:
    '需要微信 ' +
    MIN_WECHAT +
    ' 及以上、基础库 ' +
    MIN_BASE_LIBRARY +
    ' 及以上：聊天工具从基础库 ' +
    CHAT_TOOL_BASE_LIBRARY +
    '、微信 ' +
    MIN_WECHAT +
    ' 起提供，本工具的页面使用 Skyline 渲染，从基础库 ' +
    MIN_BASE_LIBRARY +
    ' 起启用。',
};

var en: LauncherTexts = {
  title: 'Group tasks',
  intro: 'Post a task in a group chat; members sign up or mark it done, and the card shows progress live.',
  steps: [
    'Tap the button below and pick a group chat',
    'Create a task there and send its card',
    'Members open the card to sign up or mark done',
  ],
  open: 'Open in a group chat',
  openLabel: 'Pick a group chat and open Group tasks',
  stepsHere: [
    'Tap the button below to open it in this chat',
    'Create a task and send its card',
    'Members open the card to sign up or mark done',
  ],
  openHere: 'Open in this chat',
  openHereLabel: 'Open Group tasks in the chat you came from',
  openFailed: 'Could not open the chat tool. Please try again.',
  requirements:
    'Needs WeChat ' +
    MIN_WECHAT +
    ' or later and base library ' +
    MIN_BASE_LIBRARY +
    ' or later: chat tools ' +
    'exist from base library ' +
    CHAT_TOOL_BASE_LIBRARY +
    ' and WeChat ' +
    MIN_WECHAT +
    ", and this tool's " +
    'pages run on the Skyline renderer, which it turns on from base library ' +
    MIN_BASE_LIBRARY +
    '.',
};

export function isChinese(language: string): boolean {
  return language.toLowerCase().indexOf('zh') === 0;
}

export function launcherTexts(language: string): LauncherTexts {
  return isChinese(language) ? zh : en;
}

/** The message shown when this WeChat is too old, or '' when it is supported. */
export function supportMessage(support: Support, language: string): string {
  if (support.supported) return '';
  var weChat = support.component === 'weChat';
  if (isChinese(language)) {
    return (
      '当前' +
      (weChat ? '微信版本' : '基础库版本') +
      ' ' +
      support.current +
      ' 过低，群任务接龙需要 ' +
      support.required +
      ' 或以上。请将微信升级到最新版本后再试。'
    );
  }
  return (
    'This version of ' +
    (weChat ? 'WeChat' : 'the base library') +
    ' (' +
    support.current +
    ') is too old: ' +
    'Group tasks needs ' +
    support.required +
    ' or later. Please update WeChat and try again.'
  );
}
