/**
 * @jest-environment jsdom
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileSize, renderMessages } from '../../../simulator/host/chat';
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

describe('what a tool sent, as WeChat shows it', () => {
  const PNG = 'data:image/png;base64,iVBORw0KGgo=';
  const GIF = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
  const ENTRY = '/packageChatTool/pages/entry/index';
  const sent = (message: Record<string, unknown>): ChatMessage =>
    ({ at: 1, senderOpenid: 'o-alice', entrancePath: ENTRY, ...message }) as ChatMessage;

  function render(messages: ChatMessage[]) {
    const opened: string[] = [];
    const list = renderMessages(room, messages, 'o-bob', { openPath: (_, p) => opened.push(p) }, hostTexts('en'));
    return { list, opened };
  }

  test('a card not declared dynamic shows its title and picture, no subtitle, and opens its path', () => {
    const path = '/packageChatTool/pages/task/index?taskId=t1';
    const { list, opened } = render([
      sent({ kind: 'miniProgram', title: 'Hike', path, imageUrl: PNG, entrancePath: null }),
    ]);
    const card = list.querySelector<HTMLButtonElement>('.card.mini-program')!;
    expect(card.querySelector('.card-title')!.textContent).toBe('Hike');
    expect(card.querySelector('img.card-image')!.getAttribute('src')).toBe(PNG);
    expect(card.querySelector('.card-status')).toBeNull();
    expect(list.querySelector('.entrance')).toBeNull();
    card.click();
    expect(opened).toEqual([path]);
  });

  test('an image and a sticker show their picture from the sender; a sticker without a bubble', () => {
    const { list } = render([sent({ kind: 'image', imageUrl: PNG }), sent({ kind: 'emoji', imageUrl: GIF })]);
    const [image, sticker] = Array.from(list.querySelectorAll('.message'));
    expect(image!.querySelector('.sender')!.textContent).toBe('Alice');
    expect(image!.querySelector<HTMLImageElement>('img.sent-image')!.getAttribute('src')).toBe(PNG);
    expect(image!.querySelector('img.sent-image')!.getAttribute('alt')).toBe('Image shared in the chat');
    expect(sticker!.querySelector<HTMLImageElement>('img.sent-emoji')!.getAttribute('src')).toBe(GIF);
    expect(sticker!.querySelector('img.sent-emoji')!.getAttribute('alt')).toBe('Sticker');
  });

  test('a video shows its poster and a play button that plays it; without a poster, the first frame', () => {
    const { list } = render([
      sent({ kind: 'video', videoUrl: 'data:video/mp4;base64,AAAA', posterUrl: PNG }),
      sent({ kind: 'video', videoUrl: null, posterUrl: null }),
    ]);
    const [withPoster, forgotten] = Array.from(list.querySelectorAll('.video-box'));
    expect(withPoster!.querySelector<HTMLImageElement>('img.video-poster')!.getAttribute('src')).toBe(PNG);
    const play = withPoster!.querySelector<HTMLButtonElement>('.video-play')!;
    expect(play.getAttribute('aria-label')).toBe('Play the video');
    play.click();
    expect(withPoster!.querySelector('video')!.getAttribute('src')).toBe('data:video/mp4;base64,AAAA');
    expect(forgotten!.querySelector('.video-first-frame')!.textContent).toMatch(/first frame/);
    expect(forgotten!.querySelector<HTMLButtonElement>('.video-play')!.disabled).toBe(true);
  });

  test('a file shows its name, its size and an icon of its type', () => {
    const { list } = render([sent({ kind: 'file', fileName: '周六爬山.csv', size: 2150 })]);
    const file = list.querySelector('.file-card')!;
    expect(file.querySelector('.file-name')!.textContent).toBe('周六爬山.csv');
    expect(file.querySelector('.file-size')!.textContent).toBe('2.1 KB');
    expect(file.querySelector('.file-icon')!.textContent).toBe('CSV');
    expect(file.getAttribute('aria-label')).toBe('File 周六爬山.csv 2.1 KB');
    expect([fileSize(812), fileSize(3 * 1024 * 1024)]).toEqual(['812 B', '3.0 MB']);
  });

  test('each message with an entrance reopens the tool at its entrancePath; one without has no entrance', () => {
    const { list, opened } = render([
      sent({ kind: 'image', imageUrl: PNG, entrancePath: `${ENTRY}?taskId=t1` }),
      sent({ kind: 'file', fileName: 'a.csv', size: 1 }),
      sent({ kind: 'emoji', imageUrl: GIF, entrancePath: null }),
    ]);
    const entrances = Array.from(list.querySelectorAll<HTMLButtonElement>('.entrance'));
    expect(entrances.map((b) => b.textContent)).toEqual(['Open the chat tool', 'Open the chat tool']);
    entrances.forEach((b) => b.click());
    expect(opened).toEqual([`${ENTRY}?taskId=t1`, ENTRY]);
  });

  test("a reminder's line is its text link: tapping it opens the tool there", () => {
    const { list, opened } = render([
      { kind: 'system', at: 1, text: '@Bob 请参与：Hike', link: `${ENTRY}?taskId=t1` },
      { kind: 'system', at: 2, text: 'Bob 已参与 Alice 发布的 Hike' },
    ]);
    const [reminder, line] = Array.from(list.querySelectorAll<HTMLElement>('.system'));
    expect(reminder!.tagName).toBe('BUTTON');
    reminder!.click();
    expect(opened).toEqual([`${ENTRY}?taskId=t1`]);
    expect(line!.tagName).toBe('DIV');
  });
});
