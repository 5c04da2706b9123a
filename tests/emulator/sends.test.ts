// The sends into the chat on the emulator (docs/platform.md, "Sending into the chat"): each kind posted with its
// defaults, each documented refusal, and both readings of each point the documents leave open.
import { READING_PROFILES, type Readings } from '../../emulator/readings';
import { MESSAGE_KINDS, pathKind, sharedFileName, type MessageApi } from '../../emulator/rules';
import type { SendContext } from '../../emulator/types';
import { createWeChatEmulator } from '../../emulator/wechat';

const CHAT_TOOL = { root: 'packageChatTool', entryPagePath: 'pages/entry/index' };
const IN_TAP: SendContext = { chatTool: CHAT_TOOL, tap: true };

type FileApi = Exclude<MessageApi, 'shareAppMessageToGroup'>;

/** One valid call per send of a file, every file on the phone. */
const VALID: Record<FileApi, Record<string, unknown>> = {
  shareImageToGroup: { imagePath: 'wxfile://tmp_1.png' },
  shareVideoToGroup: { videoPath: 'wxfile://tmp_2.mp4', thumbPath: 'wxfile://tmp_3.png' },
  shareFileToGroup: { filePath: 'wxfile://usr/名单.csv' },
  shareEmojiToGroup: { imagePath: 'http://tmp/cheer.gif' },
};
const FILE_FIELD = {
  shareImageToGroup: 'imagePath',
  shareVideoToGroup: 'videoPath',
  shareFileToGroup: 'filePath',
  shareEmojiToGroup: 'imagePath',
} as const;
const APIS = Object.keys(FILE_FIELD) as FileApi[];

function setup(readings: Partial<Readings> = {}) {
  const wechat = createWeChatEmulator({ readings: { ...READING_PROFILES.documented, ...readings } });
  const room = wechat.createRoom({ name: 'Chat' });
  const alice = wechat.addMember(room.id, { nickname: 'Alice' });
  const other = wechat.createRoom({ name: 'Other' });
  const stranger = wechat.addMember(other.id, { nickname: 'Stranger' });
  return { wechat, room, alice, stranger };
}

describe.each(APIS)('%s', (api) => {
  test('posts its kind into the chat, with an entrance to the chat tool’s start page by default', () => {
    const { wechat, room, alice } = setup();
    const message = wechat.send(alice, api, VALID[api], IN_TAP);
    expect(message).toMatchObject({
      roomId: room.id,
      senderOpenid: alice.openid,
      kind: MESSAGE_KINDS[api],
      path: VALID[api][FILE_FIELD[api]],
      entrancePath: '/packageChatTool/pages/entry/index',
    });
    expect(wechat.sentMessages(room.id)).toEqual([message]);
  });

  test('needShowEntrance false: no entrance; entrancePath: opens that page of the chat tool', () => {
    const { wechat, alice } = setup();
    expect(wechat.send(alice, api, { ...VALID[api], needShowEntrance: false }, IN_TAP).entrancePath).toBeNull();
    const path = 'packageChatTool/pages/task/index?taskId=t1';
    expect(wechat.send(alice, api, { ...VALID[api], entrancePath: path }, IN_TAP).entrancePath).toBe(`/${path}`);
  });

  test('refused outside chat-tool mode, and by someone outside the chat', () => {
    const { wechat, room, alice, stranger } = setup();
    expect(() => wechat.send(alice, api, VALID[api], { chatTool: null, tap: true })).toThrow(
      'only available in chat-tool mode',
    );
    expect(() => wechat.send({ openid: stranger.openid, roomId: room.id }, api, VALID[api], IN_TAP)).toThrow(
      'is not a member',
    );
    expect(wechat.sentMessages()).toEqual([]);
  });

  test('refused without its file, or with a web address or something that is not a path', () => {
    const { wechat, alice } = setup();
    const field = FILE_FIELD[api];
    expect(() => wechat.send(alice, api, { ...VALID[api], [field]: '' }, IN_TAP)).toThrow(`${field} is required`);
    expect(() => wechat.send(alice, api, {}, IN_TAP)).toThrow(`${field} is required`);
    for (const [path, what] of [
      ['https://res.wx.qq.com/a.png', 'a web address'],
      ['http://cdn.example.com/a.png', 'a web address'],
      ['data:image/png;base64,AAAA', 'not a file path'],
      ['../a.png', 'not a file path'],
    ]) {
      expect(() => wechat.send(alice, api, { ...VALID[api], [field]: path }, IN_TAP)).toThrow(`not ${what}`);
    }
    expect(wechat.sentMessages()).toEqual([]);
  });

  test('packageFileForSend: a code-package file refused, or taken as a local file', () => {
    const field = FILE_FIELD[api];
    const options = { ...VALID[api], [field]: '/packageChatTool/assets/card.png' };
    const refused = setup({ packageFileForSend: 'refused' });
    expect(() => refused.wechat.send(refused.alice, api, options, IN_TAP)).toThrow('not a code-package file');
    const accepted = setup({ packageFileForSend: 'accepted' });
    expect(accepted.wechat.send(accepted.alice, api, options, IN_TAP).path).toBe('/packageChatTool/assets/card.png');
  });

  test('entranceOutsideChatTool: an entrance into the main package refused, or opened', () => {
    const options = { ...VALID[api], entrancePath: '/pages/index/index' };
    const refused = setup({ entranceOutsideChatTool: 'refused' });
    expect(() => refused.wechat.send(refused.alice, api, options, IN_TAP)).toThrow(
      "outside the chat tool's subpackage packageChatTool",
    );
    const accepted = setup({ entranceOutsideChatTool: 'accepted' });
    expect(accepted.wechat.send(accepted.alice, api, options, IN_TAP).entrancePath).toBe('/pages/index/index');
  });
});

test.each(['shareImageToGroup', 'shareVideoToGroup', 'shareFileToGroup'] as const)(
  '%s is refused outside a tap ("仅在点击行为时调用")',
  (api) => {
    const { wechat, alice } = setup();
    expect(() => wechat.send(alice, api, VALID[api], { chatTool: CHAT_TOOL, tap: false })).toThrow(
      'can only be called from a tap',
    );
  },
);

test('emojiOutsideTap: a sticker outside a tap refused, or posted (its page says nothing)', () => {
  const outsideTap = { chatTool: CHAT_TOOL, tap: false };
  const refused = setup({ emojiOutsideTap: 'refused' });
  expect(() => refused.wechat.send(refused.alice, 'shareEmojiToGroup', VALID.shareEmojiToGroup, outsideTap)).toThrow(
    'can only be called from a tap',
  );
  const accepted = setup({ emojiOutsideTap: 'accepted' });
  expect(accepted.wechat.send(accepted.alice, 'shareEmojiToGroup', VALID.shareEmojiToGroup, outsideTap).kind).toBe(
    'emoji',
  );
});

test('a video keeps its poster (none: the first frame); a file shows fileName or the name in its path', () => {
  const { wechat, alice } = setup();
  expect(wechat.send(alice, 'shareVideoToGroup', VALID.shareVideoToGroup, IN_TAP).thumbPath).toBe('wxfile://tmp_3.png');
  expect(wechat.send(alice, 'shareVideoToGroup', { videoPath: 'wxfile://tmp_2.mp4' }, IN_TAP).thumbPath).toBeNull();
  expect(wechat.send(alice, 'shareFileToGroup', VALID.shareFileToGroup, IN_TAP).fileName).toBe('名单.csv');
  const named = wechat.send(alice, 'shareFileToGroup', { ...VALID.shareFileToGroup, fileName: 'list.csv' }, IN_TAP);
  expect(named.fileName).toBe('list.csv');
  expect(sharedFileName('wxfile://tmp_9', '')).toBe('tmp_9');
  expect(() =>
    wechat.send(alice, 'shareVideoToGroup', { ...VALID.shareVideoToGroup, thumbPath: 'https://a.b/c.png' }, IN_TAP),
  ).toThrow('thumbPath must be a local or temporary file');
});

test('wrong types are refused, not guessed', () => {
  const { wechat, alice } = setup();
  expect(() =>
    wechat.send(alice, 'shareImageToGroup', { ...VALID.shareImageToGroup, needShowEntrance: 'no' }, IN_TAP),
  ).toThrow('needShowEntrance is a boolean');
  expect(() =>
    wechat.send(alice, 'shareImageToGroup', { ...VALID.shareImageToGroup, entrancePath: 3 }, IN_TAP),
  ).toThrow('entrancePath is a string');
  expect(() => wechat.send(alice, 'shareFileToGroup', { ...VALID.shareFileToGroup, fileName: 3 }, IN_TAP)).toThrow(
    'fileName is a string',
  );
});

test('what a path names: the phone’s and the developer tools’ local files, code-package files, the web', () => {
  expect(['wxfile://tmp_1.png', 'wxfile://usr/a.csv', 'http://tmp/a.png', 'http://usr/a.csv'].map(pathKind)).toEqual([
    'local',
    'local',
    'local',
    'local',
  ]);
  expect(['/packageChatTool/a.png', 'packageChatTool/a.png'].map(pathKind)).toEqual(['package', 'package']);
  expect(['https://tmp/a.png', 'http://a.b/c', 'http://localhost:80/a'].map(pathKind)).toEqual(['web', 'web', 'web']);
  expect(['', '/', './a.png', 'data:,x', 'blob:x'].map(pathKind)).toEqual(Array(5).fill('invalid'));
});

describe('shareAppMessageToGroup without a dynamic card declared: a mini program card', () => {
  const CARD = { title: '周六爬山', path: '/packageChatTool/pages/task/index?taskId=t1' };

  test('posts a card that opens its path, with no entrance of its own; in or outside a tap', () => {
    const { wechat, alice } = setup();
    const message = wechat.send(alice, 'shareAppMessageToGroup', CARD, { chatTool: CHAT_TOOL, tap: false });
    expect(message).toMatchObject({ kind: MESSAGE_KINDS.shareAppMessageToGroup, title: '周六爬山', path: CARD.path });
    expect(message.entrancePath).toBeNull();
  });

  test('refused without a title, with a path not from /, and outside chat-tool mode', () => {
    const { wechat, alice } = setup();
    expect(() => wechat.send(alice, 'shareAppMessageToGroup', { ...CARD, title: '' }, IN_TAP)).toThrow(
      'title is required',
    );
    expect(() => wechat.send(alice, 'shareAppMessageToGroup', { ...CARD, path: 'pages/x' }, IN_TAP)).toThrow(
      'path must be a full path starting with /',
    );
    expect(() => wechat.send(alice, 'shareAppMessageToGroup', CARD, { chatTool: null, tap: true })).toThrow(
      'only available in chat-tool mode',
    );
  });
});
