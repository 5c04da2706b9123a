/**
 * @jest-environment jsdom
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderMessages } from '../../../simulator/host/chat';
import { hostTexts } from '../../../simulator/host/texts';
import type { ChatMessage, ChatRoom } from '../../../simulator/shared/server-api';

const room: ChatRoom = {
  id: 'G1',
  chatType: 3,
  name: 'Hiking',
  members: [
    { openid: 'o-alice', nickname: 'Alice', groupOpenid: 'g-alice' },
    { openid: 'o-bob', nickname: 'Bob', groupOpenid: 'g-bob' },
  ],
};

function card(imageUrl?: string, state: 1 | 2 | 3 = 1): ChatMessage {
  return {
    kind: 'card',
    at: 1,
    activityId: 'A1',
    senderOpenid: 'o-alice',
    title: 'Hike',
    path: '/packageChatTool/pages/task/index?taskId=t1',
    state,
    textFor: { 'o-alice': '1人已参与', 'o-bob': '已参与' },
    imageUrl,
  };
}

describe('the chat as a member sees it', () => {
  test("a card shows the picture the share passed, this viewer's subtitle, and opens its path", () => {
    const opened: string[] = [];
    const list = renderMessages(
      room,
      [card('/packageChatTool/assets/card.png')],
      'o-bob',
      { openPath: (roomId, path) => opened.push(`${roomId} ${path}`) },
      hostTexts('en'),
    );
    const image = list.querySelector<HTMLImageElement>('.card img.card-image')!;
    expect(image.getAttribute('src')).toBe('/packageChatTool/assets/card.png');
    expect(list.querySelector('.card-screenshot')).toBeNull();
    expect(list.querySelector('.card-status')!.textContent).toBe('已参与');
    list.querySelector<HTMLButtonElement>('.card')!.click();
    expect(opened).toEqual(['G1 /packageChatTool/pages/task/index?taskId=t1']);
  });

  test('without imageUrl the card says WeChat shows a 5:4 screenshot of the page, in the chosen language', () => {
    const zh = renderMessages(room, [card()], 'o-alice', { openPath: () => undefined }, hostTexts('zh_CN'));
    expect(zh.querySelector('img.card-image')).toBeNull();
    expect(zh.querySelector('.card-screenshot')!.textContent).toBe(hostTexts('zh_CN').cardScreenshot);
    expect(zh.querySelector('.card-footer')!.textContent).toBe('聊天工具');
    const en = renderMessages(room, [card()], 'o-alice', { openPath: () => undefined }, hostTexts('en'));
    expect(en.querySelector('.card-screenshot')!.textContent).toMatch(/^Screenshot of the page \(5:4\)/);
    expect(en.querySelector('.card-footer')!.textContent).toBe('Chat tool');
  });

  test("the host's style sheet shows an open card's subtitle green and an ended card's grey", () => {
    const style = document.createElement('style');
    style.textContent = fs.readFileSync(path.join(__dirname, '../../../simulator/host/host.css'), 'utf8');
    document.head.append(style);
    const list = renderMessages(
      room,
      [card(), card(undefined, 3)],
      'o-bob',
      { openPath: () => undefined },
      hostTexts('en'),
    );
    document.body.append(list);
    const [open, ended] = Array.from(list.querySelectorAll('.card-status'), (status) => getComputedStyle(status).color);
    expect(open).toBe('rgb(7, 193, 96)');
    expect(ended).toBe('rgb(153, 153, 153)');
    style.remove();
    list.remove();
  });

  test('every host text exists in both languages', () => {
    const zh = hostTexts('zh_CN');
    const en = hostTexts('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(en[key]).not.toEqual(zh[key]);
  });
});
