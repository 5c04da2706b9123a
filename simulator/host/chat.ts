// The simulated chat as the current viewer sees it: text bubbles, the dynamic cards with this viewer's subtitle,
// what the tool sent (an image, a sticker, a video with its poster and play button, a file with its name, size
// and icon), each with its entrance back to the tool when it has one, and WeChat's grey system lines (a reminder's
// line is its text link).

import type { ChatMessage, ChatRoom, SentChatMessage } from '../shared/server-api';
import { avatarUrl } from './avatar';
import { h } from './dom';
import type { HostTexts } from './texts';

export interface ChatViewActions {
  /** Tapping a card, a message's entrance or a reminder's link opens the tool at `path` as the viewer. */
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

/** "812 B", "3.4 KB", "1.2 MB", as WeChat shows a file's size. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The icon's word for a file: its extension, upper case ("CSV", "XLSX"), or "FILE". */
const fileType = (name: string): string => /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toUpperCase() ?? 'FILE';

/** An image, sticker, video or file, as WeChat shows it in the chat. */
function sentContent(m: Exclude<SentChatMessage, { kind: 'miniProgram' }>, texts: HostTexts): HTMLElement {
  switch (m.kind) {
    case 'image':
      return h('img', { className: 'sent-image', src: m.imageUrl, alt: texts.sharedImage });
    case 'emoji':
      return h('img', { className: 'sent-emoji', src: m.imageUrl, alt: texts.sharedSticker });
    case 'video': {
      const poster = m.posterUrl
        ? h('img', { className: 'video-poster', src: m.posterUrl, alt: texts.sharedVideo })
        : h(
            'div',
            { className: 'video-poster video-first-frame', role: 'img', 'aria-label': texts.sharedVideo },
            texts.videoFirstFrame,
          );
      const play = h('button', { type: 'button', className: 'video-play', 'aria-label': texts.playVideo }, '▶');
      const video = h('div', { className: 'video-box' }, poster, play);
      if (m.videoUrl === null) play.disabled = true;
      else {
        const url = m.videoUrl;
        play.addEventListener('click', () =>
          video.replaceChildren(h('video', { className: 'video-player', src: url, controls: true, autoplay: true })),
        );
      }
      return video;
    }
    case 'file':
      return h(
        'div',
        {
          className: 'file-card',
          role: 'group',
          'aria-label': `${texts.sharedFile} ${m.fileName} ${fileSize(m.size)}`,
        },
        h(
          'div',
          { className: 'file-text' },
          h('div', { className: 'file-name' }, m.fileName),
          h('div', { className: 'file-size' }, fileSize(m.size)),
        ),
        h(
          'div',
          { className: `file-icon file-${fileType(m.fileName).toLowerCase()}`, 'aria-hidden': 'true' },
          fileType(m.fileName),
        ),
      );
  }
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
      const { link } = m;
      if (link === undefined) list.append(h('div', { className: 'system' }, m.text));
      else {
        // A reminder is a text link: tapping it opens the tool at its entrancePath.
        const line = h('button', { type: 'button', className: 'system system-link', 'data-link': link }, m.text);
        line.addEventListener('click', () => actions.openPath(room.id, link));
        list.append(line);
      }
    } else if (m.kind === 'text') {
      list.append(bubble(room, viewer, m.senderOpenid, h('div', { className: 'text' }, m.text)));
    } else if (m.kind === 'card' || m.kind === 'miniProgram') {
      // A dynamic card shows this viewer's subtitle; a plain card has none.
      const status = m.kind === 'card' ? (m.textFor[viewer] ?? '') : '';
      const card = h(
        'button',
        {
          type: 'button',
          className: m.kind === 'card' ? `card state-${m.state}` : 'card mini-program',
          'data-activity-id': m.kind === 'card' ? m.activityId : undefined,
          'data-path': m.path,
          'aria-label': `${m.title} ${status}`.trim(),
        },
        h('div', { className: 'card-title' }, m.title),
        // The card's own picture (5:4), or the screenshot of the page WeChat uses without one.
        m.imageUrl
          ? h('img', { className: 'card-image', src: m.imageUrl, alt: '' })
          : h('div', { className: 'card-image card-screenshot' }, texts.cardScreenshot),
        status && h('div', { className: 'card-status' }, status),
        h('div', { className: 'card-footer' }, texts.cardFooter),
      );
      card.addEventListener('click', () => actions.openPath(room.id, m.path));
      list.append(bubble(room, viewer, m.senderOpenid, card));
    } else {
      const content = h('div', { className: `sent ${m.kind}-message` }, sentContent(m, texts));
      const { entrancePath } = m;
      if (entrancePath !== null) {
        const open = h(
          'button',
          { type: 'button', className: 'entrance', 'data-entrance': entrancePath, title: entrancePath },
          texts.openEntrance,
        );
        open.addEventListener('click', () => actions.openPath(room.id, entrancePath));
        content.append(open);
      }
      list.append(bubble(room, viewer, m.senderOpenid, content));
    }
  }
  return list;
}
