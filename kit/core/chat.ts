// The chat a tool runs in and who is in it, as WeChat describes them (docs/platform.md, "getChatToolInfo" and
// "group_openid"). Pure types and rules: no wx, no node, no database.

/** chat_type from getChatToolInfo: 1 WeChat 1:1, 2 WeCom 1:1, 3 WeChat group, 4 WeCom group. */
export type ChatType = 1 | 2 | 3 | 4;

export const CHAT_TYPES: readonly ChatType[] = [1, 2, 3, 4];

/** One-to-one chats are identified by open_single_roomid, group chats by opengid. */
export const isOneToOneChat = (chatType: ChatType): boolean => chatType === 1 || chatType === 2;

/** A chat as the server resolved it: opengid for groups, open_single_roomid for 1:1 chats. */
export interface Room {
  id: string;
  chatType: ChatType;
}

/**
 * A member of one chat, as the server verified them. userId is the person, the same in every chat of the app;
 * memberId is their id in this chat, the one member pickers return and reminders take. WeChat's openid and
 * group_openid (docs/platform.md, "group_openid"); on WeCom and Feishu the ids their adapters derive
 * (docs/platforms.md, "One domain, three platforms").
 */
export interface Member {
  userId: string;
  memberId: string;
}

/** wx.getAccountInfoSync().miniProgram.envVersion of the client that published the card. */
export type EnvVersion = 'develop' | 'trial' | 'release';

export const ENV_VERSIONS: readonly EnvVersion[] = ['develop', 'trial', 'release'];

/** setChatToolMsg version_type: which build the card's system-message link opens (0 release, 1 develop, 2 trial). */
export type VersionType = 0 | 1 | 2;

export const VERSION_TYPE = { release: 0, develop: 1, trial: 2 } as const satisfies Record<EnvVersion, VersionType>;
