// Chats with WeCom contacts inside WeChat, end to end in headless Chromium: WeChat opens the chat tool in them as in
// any chat, with chat_type 2 (one-to-one with a WeCom contact) and 4 (a group with WeCom contacts), and
// getChatToolInfo names the chat by open_single_roomid or opengid as for 1 and 3 (docs/platform.md,
// "getChatToolInfo"; docs/platforms.md#wecom-contacts-inside-wechat). The real pages create and publish the task;
// the other member's phone signs up; the card in that chat follows, and no other chat shows it.
import type { ChatMember, ChatRoom } from '../../simulator/shared/server-api';
import { messagesFor } from '../../packageChatTool/i18n/texts';
import { launcherTexts } from '../../miniprogram/utils/i18n';
import {
  cardParam,
  cardTitled,
  describeWithBrowser,
  eventually,
  memberNamed,
  roomNamed,
  simulatorTests,
  type Simulator,
} from './harness';

const zh = messagesFor('zh-CN');

jest.setTimeout(120_000);

/** Adds the chat and returns it as the server has it. */
async function addChat(sim: Simulator, name: string, chatType: 2 | 4, members: string[]): Promise<ChatRoom> {
  await sim.serverCall({ op: 'addRoom', name, chatType, members });
  const room = roomNamed(await sim.chatState(), name);
  expect(room.chatType).toBe(chatType);
  return room;
}

/** Alice opens the tool in `room`, creates a task of `kind` titled `title` and publishes it into the chat. */
async function publishAsAlice(sim: Simulator, room: ChatRoom, title: string, kind: string, status: string) {
  await sim.viewAs('Alice');
  await sim.showChat(room.name);
  await sim.openTool();
  await sim.tap('button', zh.createTask);
  await sim.type(zh.fields.title, title);
  await sim.phone.getByRole('radio', { name: new RegExp(`^${kind}`) }).click();
  await sim.tap('button', zh.publish);
  await eventually(() => sim.cardStatus(title), status);
}

/** What `member`'s phone gets for an action on the task of the card `title` in `room`. */
async function act(sim: Simulator, member: ChatMember, room: ChatRoom, title: string, action: string) {
  const taskId = cardParam(cardTitled(await sim.chatState(), room, title), 'taskId');
  return sim.callFunctionAs(member, room, 'groupTask', { action, taskId });
}

describeWithBrowser('chats with WeCom contacts (chat_type 2 and 4)', () => {
  const test = simulatorTests();

  test('a group with WeCom contacts (4): publish, a contact signs up, the card follows in that chat only', async (sim) => {
    const room = await addChat(sim, '企业微信客户群 WeCom group', 4, ['Alice', 'Bob', 'Carol']);
    const title = '周五培训';
    await publishAsAlice(sim, room, title, zh.kindParticipate, '0人已参与');
    const bob = memberNamed(room, 'Bob');

    const joined = await act(sim, bob, room, title, 'join');
    expect(joined).toMatchObject({ ok: true, data: { chatType: 4, viewer: { status: 'done' } } });
    await eventually(() => sim.cardStatus(title), '1人已参与');
    await sim.viewAs('Bob');
    await sim.showChat(room.name);
    expect(await sim.cardStatus(title)).toBe('已参与');

    // The task belongs to this chat: from the ordinary group it is another room's.
    const taskId = cardParam(cardTitled(await sim.chatState(), room, title), 'taskId');
    const group = roomNamed(await sim.chatState(), '周末爬山群 Hiking group');
    const elsewhere = await sim.callFunctionAs(memberNamed(group, 'Bob'), group, 'groupTask', {
      action: 'getTask',
      taskId,
    });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'WRONG_ROOM' } });

    const ended = await act(sim, memberNamed(room, 'Alice'), room, title, 'endTask');
    expect(ended).toMatchObject({ ok: true, data: { state: 'ended' } });
    await eventually(() => sim.cardStatus(title), '已结束');
    expect(sim.errors).toEqual([]);
  });

  for (const [chatType, name, members] of [
    [4, '企业微信群 via launcher', ['Alice', 'Bob']],
    [2, 'Alice & 企业微信 Erin', ['Alice', 'Erin']],
  ] as const) {
    test(`the launcher opened from a chat of type ${chatType} opens the tool bound to it, no picker`, async (sim) => {
      const room = await addChat(sim, name, chatType, [...members]);
      await sim.viewAs('Alice');
      await sim.showChat(room.name);
      await sim.page.click('#open-launcher');
      await sim.ready();
      await sim.phone.locator('wx-button').getByText(launcherTexts('zh_CN').openHere).click();
      await sim.ready();
      expect(await sim.page.locator('.chat-picker').count()).toBe(0);
      await sim.byRole('button', zh.createTask).waitFor();
      await eventually(
        () => sim.page.locator('#phone-caption').innerText(),
        `Alice · ${room.name} · /packageChatTool/pages/entry/index`,
      );
      expect(sim.errors).toEqual([]);
    });
  }

  test('one-to-one with a WeCom contact (2): the other person marks the task done', async (sim) => {
    const room = await addChat(sim, 'Alice & 企业微信 Dave', 2, ['Alice', 'Dave']);
    const title = '交报价单';
    await publishAsAlice(sim, room, title, zh.kindComplete, '0人已完成');
    const dave = memberNamed(room, 'Dave');

    const done = await act(sim, dave, room, title, 'join');
    expect(done).toMatchObject({ ok: true, data: { chatType: 2, viewer: { status: 'done' } } });
    await sim.viewAs('Alice');
    await sim.showChat(room.name);
    await eventually(() => sim.cardStatus(title), '1人已完成');
    expect(sim.errors).toEqual([]);
  });
});
