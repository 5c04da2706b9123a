// WeChat's open data: what cloud.getOpenData decrypts a cloudID to, and the chat it names in the kit's words. The
// WeChat adapter's part of resolveChat (sdk.ts); nothing past it sees an opengid or a group_openid by that name.
import type { ChatType } from '../core/chat';
import { CHAT_TYPES, isOneToOneChat } from '../core/chat';
import type { ChatResolution } from './ports';

/** The decrypted payload of wx.getChatToolInfo (docs/platform.md, "getChatToolInfo"), as the platform returns it. */
export interface OpenData {
  opengid?: string;
  open_single_roomid?: string;
  group_openid?: string;
  chat_type?: number;
}

/** getOpenData's errcode for an expired or unknown cloudID (docs/platform.md, "cloudID and getOpenData"). */
export const CLOUD_ID_EXPIRED_ERRCODE = -601006;

/**
 * The chat open data describe: the room is the opengid of a group or the open_single_roomid of a one-to-one chat
 * (by chat_type), and the member id the group_openid when they carry one (getGroupEnterInfo's may carry none).
 */
export function chatOfOpenData(data: OpenData): ChatResolution {
  const chatType: ChatType | undefined = CHAT_TYPES.find((type) => type === data.chat_type);
  const id = chatType !== undefined && isOneToOneChat(chatType) ? data.open_single_roomid : data.opengid;
  if (chatType === undefined || typeof id !== 'string' || id === '') {
    return {
      ok: false,
      code: 'CHAT_PROOF_INVALID',
      message: 'the cloudID does not describe a chat (use wx.getChatToolInfo)',
    };
  }
  const memberId = typeof data.group_openid === 'string' && data.group_openid !== '' ? data.group_openid : null;
  return { ok: true, room: { id, chatType }, memberId };
}
