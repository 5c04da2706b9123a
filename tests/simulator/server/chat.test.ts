// The simulated chats' timeline: what a page sent reaches the chat through the emulator's rules, with its content
// kept by the server; a refused send keeps nothing; a reminder's line carries its link.
import { createWeChatEmulator } from '../../../emulator/wechat';
import type { LocalBackend } from '../../../local/types';
import { ChatService } from '../../../simulator/server/chat';
import type { ServerCall, SentChatMessage } from '../../../simulator/shared/server-api';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const MP4 = 'data:video/mp4;base64,AAAAIGZ0eXA=';
const CONTEXT = { chatTool: { root: 'packageChatTool', entryPagePath: 'pages/entry/index' }, tap: true };

function setup() {
  const wechat = createWeChatEmulator();
  const chats = new ChatService({ wechat } as unknown as LocalBackend);
  const group = chats.state().rooms.find((room) => room.chatType === 3)!;
  const [alice, bob] = group.members;
  const send = (api: Extract<ServerCall, { op: 'send' }>['api'], options: object, files: object, context = CONTEXT) =>
    chats.call({ op: 'send', openid: alice!.openid, roomId: group.id, api, options, files, context } as ServerCall);
  const sent = () =>
    (chats.state().messages[group.id] ?? []).filter(
      (m): m is SentChatMessage => m.kind !== 'text' && m.kind !== 'system' && m.kind !== 'card',
    );
  return { wechat, chats, group, alice: alice!, bob: bob!, send, sent };
}

test('each kind reaches the chat with its content and its entrance', async () => {
  const { send, sent, alice } = setup();
  await send('shareImageToGroup', { imagePath: 'wxfile://tmp_1.png' }, { imagePath: { url: PNG, size: 8 } });
  await send(
    'shareVideoToGroup',
    { videoPath: 'wxfile://tmp_2.mp4', thumbPath: 'wxfile://tmp_1.png', needShowEntrance: false },
    { videoPath: { url: MP4, size: 12 }, thumbPath: { url: PNG, size: 8 } },
  );
  await send(
    'shareFileToGroup',
    { filePath: 'wxfile://usr/list.csv', entrancePath: '/packageChatTool/pages/task/index?taskId=t1' },
    { filePath: { url: 'data:text/csv;base64,YQ==', size: 2150 } },
  );
  await send('shareEmojiToGroup', { imagePath: 'wxfile://tmp_3.gif' }, { imagePath: { url: PNG, size: 8 } });
  await send('shareAppMessageToGroup', { title: 'Hike', path: '/packageChatTool/pages/entry/index' }, {});
  const entry = '/packageChatTool/pages/entry/index';
  expect(sent().map(({ at: _at, ...m }) => m)).toEqual([
    { kind: 'image', senderOpenid: alice.openid, imageUrl: PNG, entrancePath: entry },
    { kind: 'video', senderOpenid: alice.openid, videoUrl: MP4, posterUrl: PNG, entrancePath: null },
    {
      kind: 'file',
      senderOpenid: alice.openid,
      fileName: 'list.csv',
      size: 2150,
      entrancePath: '/packageChatTool/pages/task/index?taskId=t1',
    },
    { kind: 'emoji', senderOpenid: alice.openid, imageUrl: PNG, entrancePath: entry },
    { kind: 'miniProgram', senderOpenid: alice.openid, title: 'Hike', path: entry, imageUrl: null, entrancePath: null },
  ]);
});

test('a send WeChat refuses posts nothing and says why', async () => {
  const { send, sent } = setup();
  await expect(
    send(
      'shareImageToGroup',
      { imagePath: 'wxfile://tmp_1.png' },
      { imagePath: { url: PNG, size: 8 } },
      {
        ...CONTEXT,
        tap: false,
      },
    ),
  ).rejects.toThrow('can only be called from a tap');
  await expect(send('shareFileToGroup', { filePath: 'https://example.com/list.csv' }, {})).rejects.toThrow(
    'not a web address',
  );
  expect(sent()).toEqual([]);
});

test("a reminder's line carries its entrancePath as a link", async () => {
  const { chats, group, alice, bob } = setup();
  await chats.call({
    op: 'remind',
    openid: alice.openid,
    roomId: group.id,
    title: 'Hike',
    members: [bob.groupOpenid],
    type: 'participate',
    entrancePath: '/packageChatTool/pages/task/index?taskId=t1',
  });
  const line = chats.state().messages[group.id]!.find((m) => m.kind === 'system');
  expect(line).toMatchObject({ text: '@Bob 请参与：Hike', link: '/packageChatTool/pages/task/index?taskId=t1' });
});
