// WeChat's own pickers, drawn over the chat: the member picker of wx.selectGroupMembers and the
// chat picker of wx.openChatTool without roomid.

import type { ChatMember, ChatRoom } from '../shared/server-api';
import { avatarUrl } from './avatar';
import { h } from './dom';
import type { HostTexts } from './texts';

function dialog(
  className: string,
  title: string,
): { root: HTMLElement; body: HTMLElement; actions: HTMLElement; close(): void } {
  const body = h('div', { className: 'dialog-body' });
  const actions = h('div', { className: 'dialog-actions' });
  const box = h(
    'div',
    { className: `dialog ${className}`, role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
    h('h2', {}, title),
    body,
    actions,
  );
  const root = h('div', { className: 'dialog-mask' }, box);
  document.body.appendChild(root);
  return { root, body, actions, close: () => root.remove() };
}

/** Resolves the chosen members' group_openids, or null when cancelled. */
export function pickMembers(
  members: ChatMember[],
  maxSelectCount: number | undefined,
  texts: HostTexts,
): Promise<string[] | null> {
  return new Promise((resolve) => {
    const d = dialog('member-picker', texts.selectMembers);
    const limit = maxSelectCount !== undefined && maxSelectCount > 0 ? maxSelectCount : Infinity;
    const boxes: HTMLInputElement[] = [];
    const confirm = h('button', { type: 'button', id: 'picker-confirm', className: 'primary' }, texts.done(0));
    const refresh = (): void => {
      const count = boxes.filter((b) => b.checked).length;
      confirm.textContent = texts.done(count);
      for (const b of boxes) b.disabled = !b.checked && count >= limit;
    };
    for (const m of members) {
      const box = h('input', { type: 'checkbox', value: m.groupOpenid, 'data-member': m.nickname });
      box.addEventListener('change', refresh);
      boxes.push(box);
      d.body.append(
        h('label', { className: 'member-option' }, box, h('img', { src: avatarUrl(m.nickname), alt: '' }), m.nickname),
      );
    }
    const cancel = h('button', { type: 'button', id: 'picker-cancel' }, texts.cancel);
    cancel.addEventListener('click', () => {
      d.close();
      resolve(null);
    });
    confirm.addEventListener('click', () => {
      d.close();
      resolve(boxes.filter((b) => b.checked).map((b) => b.value));
    });
    d.actions.append(cancel, confirm);
    refresh();
  });
}

/** Resolves the chosen chat, or null when cancelled. */
export function pickChat(rooms: ChatRoom[], texts: HostTexts): Promise<ChatRoom | null> {
  return new Promise((resolve) => {
    const d = dialog('chat-picker', texts.chooseChat);
    for (const room of rooms) {
      const b = h('button', { type: 'button', className: 'chat-option', 'data-room-name': room.name }, room.name);
      b.addEventListener('click', () => {
        d.close();
        resolve(room);
      });
      d.body.append(b);
    }
    const cancel = h('button', { type: 'button' }, texts.cancel);
    cancel.addEventListener('click', () => {
      d.close();
      resolve(null);
    });
    d.actions.append(cancel);
  });
}
