// The simulated chats around the app: seeds a group chat and a one-to-one chat on the WeChat
// emulator, answers the host's chat-tool calls with it, and turns its cards, system messages and sent images,
// videos, files and stickers into each chat's timeline. The content of what was sent (and of cards' pictures) is
// kept here, the newest within limits.ts's bounds; the emulator's cards hold a key to theirs, its messages a path.

import { describeReadings } from '../../emulator/readings';
import type { CardShareRequest, EmulatedMember, SentMessage } from '../../emulator/types';
import type { LocalBackend } from '../../local/types';
import type { SentFile } from '../shared/host-api';
import type { ChatMessage, ChatRoom, ChatState, SentChatMessage, ServerCall } from '../shared/server-api';
import { PICTURE_BYTES_LIMIT, PICTURES_LIMIT } from './limits';

/** A group chat with four members and a one-to-one chat between the first two. */
export const DEFAULT_SEED = {
  group: { name: '周末爬山群 Hiking group', members: ['Alice', 'Bob', 'Carol', 'Dave'] },
  single: { name: 'Alice & Bob', members: ['Alice', 'Bob'] },
};

const GREETINGS: Record<string, string> = {
  Alice: '周六去爬山吗？Hiking on Saturday?',
  Bob: '好啊！Sure!',
};

/** The start of a kept picture's key, what the emulator's card holds as its imageUrl. */
const PICTURE_KEY = 'simulator-picture:';

/** The content of a sent message: picture keys of its image (or poster) and video, a file's bytes. */
interface SentContent {
  picture: string | null;
  video: string | null;
  size: number;
}

export class ChatService {
  /** What each sent message carried, by its messageId. */
  private readonly sentContent = new Map<string, SentContent>();
  /**
   * The pictures (and videos) of sent messages and cards, by key, oldest first: the newest PICTURES_LIMIT within
   * PICTURE_BYTES_LIMIT. An image or sticker whose picture is forgotten leaves its chat; a video shows its first
   * frame and no longer plays; a card shows WeChat's screenshot placeholder.
   */
  private readonly pictures = new Map<string, string>();
  private pictureBytes = 0;
  private picturesKept = 0;
  private readonly greetings: { roomId: string; message: ChatMessage }[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly backend: LocalBackend,
    seed = DEFAULT_SEED,
    now = Date.now(),
  ) {
    const { wechat } = backend;
    const openids = new Map<string, string>();
    const addRoom = (name: string, chatType: 1 | 3, members: string[]): void => {
      const room = wechat.createRoom({ name, chatType });
      for (const nickname of members) {
        const member = wechat.addMember(room.id, { nickname, openid: openids.get(nickname) });
        openids.set(nickname, member.openid);
      }
      if (chatType === 3) {
        members.forEach((nickname, i) => {
          const text = GREETINGS[nickname];
          if (text) {
            this.greetings.push({
              roomId: room.id,
              message: { kind: 'text', at: now - 60_000 + i, senderOpenid: openids.get(nickname)!, text },
            });
          }
        });
      }
    };
    addRoom(seed.group.name, 3, seed.group.members);
    addRoom(seed.single.name, 1, seed.single.members);
    wechat.onChange(() => this.emit());
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  /** Keeps `dataUrl`, forgetting the oldest pictures past the limits, and returns its key. */
  private keepPicture(dataUrl: string): string {
    this.picturesKept += 1;
    const key = `${PICTURE_KEY}${this.picturesKept}`;
    this.pictures.set(key, dataUrl);
    this.pictureBytes += dataUrl.length;
    for (const oldest of this.pictures.keys()) {
      if (this.pictures.size <= PICTURES_LIMIT && this.pictureBytes <= PICTURE_BYTES_LIMIT) break;
      this.forgetPicture(oldest);
    }
    return key;
  }

  private forgetPicture(key: string): void {
    this.pictureBytes -= this.pictures.get(key)?.length ?? 0;
    this.pictures.delete(key);
  }

  private member(openid: string, roomId: string): EmulatedMember {
    const member = this.backend.wechat.members(roomId).find((m) => m.openid === openid);
    if (!member) throw new Error(`${openid} is not a member of ${roomId}`);
    return member;
  }

  /** A sent message as the chat shows it; none when its picture is forgotten. */
  private sentMessage(m: SentMessage): SentChatMessage[] {
    const content = this.sentContent.get(m.messageId);
    const picture = content?.picture == null ? null : (this.pictures.get(content.picture) ?? null);
    const base = { at: m.sentAt, senderOpenid: m.senderOpenid, entrancePath: m.entrancePath };
    switch (m.kind) {
      case 'miniProgram':
        return [{ ...base, kind: m.kind, title: m.title ?? '', path: m.path, imageUrl: picture }];
      case 'image':
      case 'emoji':
        return picture === null ? [] : [{ ...base, kind: m.kind, imageUrl: picture }];
      case 'video': {
        const video = content?.video == null ? null : (this.pictures.get(content.video) ?? null);
        return [{ ...base, kind: 'video', videoUrl: video, posterUrl: picture }];
      }
      case 'file':
        return [{ ...base, kind: 'file', fileName: m.fileName ?? m.path, size: content?.size ?? 0 }];
    }
  }

  /** Keeps what `files` holds for a message sent as `api`: its image or poster, its video, a file's size. */
  private keepContent(api: SentMessage['api'], files: Record<string, SentFile>): SentContent {
    const url = (file: SentFile | undefined): string | null => {
      if (file === undefined) return null;
      if (typeof file.url !== 'string') throw new Error('send: a file is a URL');
      return this.keepPicture(file.url);
    };
    switch (api) {
      case 'shareVideoToGroup':
        return { picture: url(files.thumbPath), video: url(files.videoPath), size: files.videoPath?.size ?? 0 };
      case 'shareFileToGroup':
        return { picture: null, video: null, size: Number(files.filePath?.size ?? 0) };
      case 'shareAppMessageToGroup':
        return { picture: url(files.imageUrl), video: null, size: 0 };
      default:
        return { picture: url(files.imagePath), video: null, size: files.imagePath?.size ?? 0 };
    }
  }

  state(): ChatState {
    const { wechat } = this.backend;
    const rooms: ChatRoom[] = wechat.rooms().map((room) => ({
      id: room.id,
      chatType: room.chatType,
      name: room.name,
      members: wechat
        .members(room.id)
        .map((m) => ({ openid: m.openid, nickname: m.nickname, groupOpenid: m.groupOpenid })),
    }));
    const messages: Record<string, ChatMessage[]> = {};
    for (const room of rooms) {
      const list: ChatMessage[] = [
        ...this.greetings.filter((g) => g.roomId === room.id).map((g) => g.message),
        ...wechat.sentMessages(room.id).flatMap((m) => this.sentMessage(m)),
        ...wechat
          .systemMessages(room.id)
          .map((m): ChatMessage => ({ kind: 'system', at: m.at, text: m.text, ...(m.link && { link: m.link }) })),
        ...wechat.cards(room.id).map((card): ChatMessage => {
          const textFor: Record<string, string> = {};
          for (const m of room.members)
            textFor[m.openid] = wechat.cardText(card, { openid: m.openid, roomId: room.id });
          return {
            kind: 'card',
            at: card.sharedAt,
            activityId: card.activityId,
            senderOpenid: card.publisherOpenid,
            title: card.title,
            path: card.path,
            state: card.state,
            textFor,
            imageUrl: card.imageUrl === null ? undefined : this.pictures.get(card.imageUrl),
          };
        }),
      ];
      messages[room.id] = list.sort((a, b) => a.at - b.at);
    }
    const platformCalls = wechat.calls().map((c) => ({
      api: c.api,
      at: c.at,
      request: c.request,
      outcome: c.outcome,
      errcode: c.errcode,
      errmsg: c.errmsg,
    }));
    return {
      rooms,
      messages,
      platformCalls,
      contentCheck: wechat.contentCheck(),
      readings: describeReadings(wechat.readings),
    };
  }

  async call(request: ServerCall): Promise<unknown> {
    const { wechat } = this.backend;
    switch (request.op) {
      case 'issueCloudId': {
        this.member(request.openid, request.roomId);
        // encryptedData/iv would need the session key of a real WeChat login; the cloudID path is what cloud
        // functions use (docs/platform.md#cloudid-and-getopendata).
        return {
          cloudID: wechat.issueCloudId({ openid: request.openid, roomId: request.roomId }),
          encryptedData: '',
          iv: '',
        };
      }
      case 'callFunction':
        // Whichever function of the project has that name; another is refused as CloudBase refuses it.
        return this.backend.call(request.name, { openid: request.openid }, request.data);
      case 'shareCard': {
        // As the page passed it, with its picture's key; the emulator checks every field as WeChat does.
        const share = request.share as unknown as CardShareRequest;
        const picture = typeof share.imageUrl === 'string' ? this.keepPicture(share.imageUrl) : share.imageUrl;
        try {
          wechat.shareCard({ openid: request.openid, roomId: request.roomId }, { ...share, imageUrl: picture });
        } catch (err) {
          if (picture !== undefined) this.forgetPicture(picture);
          throw err;
        }
        return {};
      }
      case 'remind':
        wechat.remind(
          { openid: request.openid, roomId: request.roomId },
          { title: request.title, members: request.members, type: request.type, entrancePath: request.entrancePath },
        );
        return {};
      case 'send': {
        // The emulator checks the call as WeChat does (with the paths the page passed); the content is kept here.
        const sender = { openid: request.openid, roomId: request.roomId };
        const message = wechat.send(sender, request.api, request.options, request.context);
        this.sentContent.set(message.messageId, this.keepContent(request.api, request.files ?? {}));
        this.emit();
        return {};
      }
      case 'oneToOneSelection':
        return wechat.oneToOneSelection({ openid: request.openid, roomId: request.roomId });
      case 'setContentCheck':
        wechat.setContentCheck(request.setting);
        this.emit();
        return {};
      case 'setFault':
        wechat.setFault(request.api, request.fault === 'none' ? null : { mode: request.fault });
        return {};
      case 'releaseStalled':
        wechat.releaseStalled();
        return {};
      case 'addMember': {
        const { openid, groupOpenid, nickname } = wechat.addMember(request.roomId, { nickname: request.nickname });
        return { openid, groupOpenid, nickname };
      }
      case 'addRoom': {
        const known = new Map(wechat.rooms().flatMap((r) => wechat.members(r.id).map((m) => [m.nickname, m.openid])));
        const room = wechat.createRoom({ name: request.name, chatType: request.chatType });
        for (const nickname of request.members) wechat.addMember(room.id, { nickname, openid: known.get(nickname) });
        this.emit();
        return { roomId: room.id };
      }
      case 'runTimer': {
        // Every timer trigger of every function, as if each schedule came due now.
        const results: Record<string, unknown> = {};
        for (const fn of this.backend.functions()) {
          for (const trigger of fn.timers)
            results[`${fn.name}.${trigger}`] = await this.backend.runTimer(fn.name, trigger);
        }
        return results;
      }
      default:
        throw new Error(`unknown op: ${JSON.stringify((request as { op?: unknown }).op)}`);
    }
  }
}
