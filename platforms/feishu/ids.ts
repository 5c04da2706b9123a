// Feishu's ids inside the shared store: every room and member id carries the platform's prefix, so a Feishu chat
// or member can never collide with a WeChat one (a WeChat opengid or group_openid never starts with it).

const PREFIX = 'feishu-';
/** A group's chat_id (oc_…) and a user's open_id (ou_…) as Feishu issues them. */
const CHAT_ID = /^oc_[A-Za-z0-9]{1,64}$/;
const OPEN_ID = /^ou_[A-Za-z0-9]{1,64}$/;

export const isChatId = (value: unknown): value is string => typeof value === 'string' && CHAT_ID.test(value);
export const isOpenId = (value: unknown): value is string => typeof value === 'string' && OPEN_ID.test(value);

/** The store's room id of a Feishu group. */
export const roomIdOf = (chatId: string): string => PREFIX + chatId;
/** The store's member id (user id and member id alike: Feishu's open_id is one per app, not per chat). */
export const memberIdOf = (openId: string): string => PREFIX + openId;
/** The open_id behind a member id; the id itself when it is not a Feishu one. */
export const memberOpenId = (memberId: string): string =>
  memberId.startsWith(PREFIX) ? memberId.slice(PREFIX.length) : memberId;
/** The chat_id behind a store room id. */
export const chatIdOf = (roomId: string): string => (roomId.startsWith(PREFIX) ? roomId.slice(PREFIX.length) : roomId);
