// The host's own words in the chat column and WeChat's pickers, in the language the top bar chooses (the phone's
// wx.getAppBaseInfo().language). WeChat's grey system lines and card subtitles come from the emulator as WeChat
// words them in Chinese; their English wording is not documented, so they stay as they are.

import type { AppSession } from '../shared/host-api';

export interface HostTexts {
  chats: string;
  noChat: string;
  openTool: string;
  openToolHint: string;
  openMiniProgram: string;
  openMiniProgramHint: string;
  cardFooter: string;
  cardScreenshot: string;
  sharedImage: string;
  sharedSticker: string;
  sharedVideo: string;
  videoFirstFrame: string;
  playVideo: string;
  sharedFile: string;
  openEntrance: string;
  selectMembers: string;
  done: (count: number) => string;
  cancel: string;
  chooseChat: string;
}

const TEXTS: Record<AppSession['language'], HostTexts> = {
  zh_CN: {
    chats: '聊天',
    noChat: '没有聊天',
    openTool: '打开聊天工具',
    openToolHint: '如同聊天的“+”面板：在这个聊天里打开聊天工具的入口页',
    openMiniProgram: '从聊天打开小程序',
    openMiniProgramHint: '如同从群卡片、群待办或群工具进入：在这个聊天里打开主包的第一个页面',
    cardFooter: '聊天工具',
    cardScreenshot: '页面截图（5:4）：分享时没有 imageUrl，微信用当时页面的截图作卡片图片',
    sharedImage: '群里的图片',
    sharedSticker: '表情',
    sharedVideo: '视频',
    videoFirstFrame: '视频首帧：分享时没有 thumbPath，微信用视频的第一帧作封面',
    playVideo: '播放视频',
    sharedFile: '文件',
    openEntrance: '打开聊天工具',
    selectMembers: '选择群成员',
    done: (count) => `完成 (${count})`,
    cancel: '取消',
    chooseChat: '选择聊天',
  },
  en: {
    chats: 'Chats',
    noChat: 'No chat',
    openTool: 'Open the chat tool',
    openToolHint: "As the chat's + panel does: opens the chat tool's entry page in this chat",
    openMiniProgram: 'Open the mini program from this chat',
    openMiniProgramHint:
      "As entering from a card, a group todo or the group's tools: opens the main package's first page in this chat",
    cardFooter: 'Chat tool',
    cardScreenshot:
      'Screenshot of the page (5:4): the share had no imageUrl, so WeChat uses a screenshot as the picture',
    sharedImage: 'Image shared in the chat',
    sharedSticker: 'Sticker',
    sharedVideo: 'Video',
    videoFirstFrame: "The video's first frame: the share had no thumbPath, so WeChat uses it as the poster",
    playVideo: 'Play the video',
    sharedFile: 'File',
    openEntrance: 'Open the chat tool',
    selectMembers: 'Select members',
    done: (count) => `Done (${count})`,
    cancel: 'Cancel',
    chooseChat: 'Choose a chat',
  },
};

export function hostTexts(language: AppSession['language']): HostTexts {
  return TEXTS[language];
}
