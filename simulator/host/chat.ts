// The simulated chat as the current viewer sees it: text bubbles, the dynamic cards with this
// viewer's subtitle, shared images and WeChat's grey system lines.

import type { ChatMessage, ChatRoom } from '../shared/server-api';
import { avatarUrl } from './avatar';
import { h } from './dom';
import type { HostTexts } from './texts';

export interface ChatViewActions {
  /** Tapping a card or an image's entrance opens the tool at `path` as the viewer. */
  openPath(roomId: string, path: string): void;
}

function nicknameOf(room: ChatRoom, openid: string): string {
  return room.members.find((m) => m.openid === openid)?.nickname ?? '?';
}

function bubble(room: ChatRoom, viewer: string, senderOpenid: string, content: HTMLElement): HTMLElement {
  const name = nicknameOf(room, senderOpenid);
  const mine = senderOpenid === viewer;
  return h(
    'div',
    { className: `message${mine ? ' mine' : ''}` },
    h('img', { className: 'avatar', src: avatarUrl(name), alt: name }),
    h('div', { className: 'message-main' }, h('div', { className: 'sender' }, name), content),
  );
}

export function renderMessages(
  room: ChatRoom,
  messages: ChatMessage[],
  viewer: string,
  actions: ChatViewActions,
  texts: HostTexts,
): HTMLElement {
  const list = h('div', { className: 'messages', role: 'log', 'aria-live': 'polite' });
  for (const m of messages) {
    if (m.kind === 'system') {
      list.append(h('div', { className: 'system' }, m.text));
    } else if (m.kind === 'text') {
      list.append(bubble(room, viewer, m.senderOpenid, h('div', { className: 'text' }, m.text)));
    } else if (m.kind === 'image') {
      const content = h('div', { className: 'image-message' }, h('img', { src: m.imageUrl, alt: texts.sharedImage }));
      if (m.entrancePath) {
        const open = h('button', { type: 'button', className: 'entrance' }, texts.openEntrance);
        open.addEventListener('click', () => actions.openPath(room.id, m.entrancePath));
        content.append(open);
      }
      list.append(bubble(room, viewer, m.senderOpenid, content));
    } else {
      const status = m.textFor[viewer] ?? '';
      const card = h(
        'button',
        {
          type: 'button',
          className: `card state-${m.state}`,
          'data-activity-id': m.activityId,
          'aria-label': `${m.title} ${status}`,
        },
        h('div', { className: 'card-title' }, m.title),
        // The card's own picture (5:4), or the screenshot of the page WeChat uses without one.
        m.imageUrl
          ? h('img', { className: 'card-image', src: m.imageUrl, alt: '' })
          : h('div', { className: 'card-image card-screenshot' }, texts.cardScreenshot),
        h('div', { className: 'card-status' }, status),
        h('div', { className: 'card-footer' }, texts.cardFooter),
      );
      card.addEventListener('click', () => actions.openPath(room.id, m.path));
      list.append(bubble(room, viewer, m.senderOpenid, card));
    }
  }
  return list;
}
