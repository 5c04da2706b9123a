// WeChat's system UI drawn inside the phone: toast, loading, modal, action sheet and the picker
// sheet. Plain DOM outside every page, so pages cannot style it by accident.

import type { PickerRequest } from '../builtins/services';

function layer(className: string): HTMLElement {
  const el = document.createElement('div');
  el.className = `sys ${className}`;
  document.body.appendChild(el);
  return el;
}

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

let toastEl: HTMLElement | null = null;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

export interface ToastOptions {
  title: string;
  icon: 'success' | 'error' | 'loading' | 'none';
  duration: number;
  mask: boolean;
}

const ICON_TEXT: Record<string, string> = { success: '✔', error: '✕', loading: '◌' };

export function showToast(options: ToastOptions): void {
  hideToast();
  const el = layer(`toast${options.mask ? ' with-mask' : ''}`);
  el.setAttribute('role', 'status');
  el.setAttribute('aria-live', 'polite');
  const box = document.createElement('div');
  box.className = `toast-box icon-${options.icon}`;
  if (options.icon !== 'none') {
    const icon = document.createElement('div');
    icon.className = 'toast-icon';
    icon.textContent = ICON_TEXT[options.icon] ?? '';
    box.appendChild(icon);
  }
  const text = document.createElement('div');
  text.className = 'toast-title';
  text.textContent = options.title;
  box.appendChild(text);
  el.appendChild(box);
  toastEl = el;
  if (options.duration > 0) toastTimer = setTimeout(hideToast, options.duration);
}

export function hideToast(): void {
  clearTimeout(toastTimer);
  toastEl?.remove();
  toastEl = null;
}

export interface ModalOptions {
  title: string;
  content: string;
  showCancel: boolean;
  cancelText: string;
  confirmText: string;
  editable: boolean;
  placeholderText: string;
}

export function showModal(options: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const el = layer('modal with-mask');
    const box = document.createElement('div');
    box.className = 'modal-box';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    if (options.title) {
      const title = document.createElement('div');
      title.className = 'modal-title';
      title.textContent = options.title;
      box.appendChild(title);
    }
    let field: HTMLTextAreaElement | null = null;
    if (options.editable) {
      field = document.createElement('textarea');
      field.className = 'modal-field';
      field.value = options.content;
      field.placeholder = options.placeholderText;
      box.appendChild(field);
    } else if (options.content) {
      const content = document.createElement('div');
      content.className = 'modal-content';
      content.textContent = options.content;
      box.appendChild(content);
    }
    const actions = document.createElement('div');
    actions.className = 'modal-actions';
    const close = (confirm: boolean): void => {
      el.remove();
      resolve(field ? { confirm, cancel: !confirm, content: field.value } : { confirm, cancel: !confirm });
    };
    if (options.showCancel) actions.appendChild(button(options.cancelText, 'modal-cancel', () => close(false)));
    actions.appendChild(button(options.confirmText, 'modal-confirm', () => close(true)));
    box.appendChild(actions);
    el.appendChild(box);
  });
}

/** Resolves the tapped index, or null when cancelled. */
export function showActionSheet(items: string[], alertText: string): Promise<number | null> {
  return new Promise((resolve) => {
    const el = layer('sheet with-mask');
    const box = document.createElement('div');
    box.className = 'sheet-box';
    box.setAttribute('role', 'menu');
    if (alertText) {
      const alert = document.createElement('div');
      alert.className = 'sheet-alert';
      alert.textContent = alertText;
      box.appendChild(alert);
    }
    const close = (index: number | null): void => {
      el.remove();
      resolve(index);
    };
    items.forEach((item, i) => box.appendChild(button(item, 'sheet-item', () => close(i))));
    box.appendChild(button('取消 Cancel', 'sheet-cancel', () => close(null)));
    el.appendChild(box);
  });
}

/** The picker sheet: a native date/time field or a list, with cancel and confirm. */
export function showPicker(request: PickerRequest): Promise<string | null> {
  return new Promise((resolve) => {
    const el = layer('sheet picker with-mask');
    const box = document.createElement('div');
    box.className = 'sheet-box';
    box.setAttribute('role', 'dialog');
    let read: () => string;
    if (request.mode === 'selector') {
      const select = document.createElement('select');
      select.className = 'picker-field';
      select.size = Math.min(6, Math.max(2, request.options.length));
      request.options.forEach((text, i) => {
        const option = document.createElement('option');
        option.value = String(i);
        option.textContent = text;
        select.appendChild(option);
      });
      select.value = request.value === '' ? '0' : request.value;
      box.appendChild(select);
      read = () => select.value;
    } else {
      const input = document.createElement('input');
      input.className = 'picker-field';
      input.type = request.mode;
      input.value = request.value;
      if (request.start) input.min = request.start;
      if (request.end) input.max = request.end;
      box.appendChild(input);
      read = () => input.value;
    }
    const actions = document.createElement('div');
    actions.className = 'modal-actions';
    const close = (value: string | null): void => {
      el.remove();
      resolve(value);
    };
    actions.appendChild(button('取消 Cancel', 'picker-cancel', () => close(null)));
    actions.appendChild(button('确定 OK', 'picker-confirm', () => close(read() || null)));
    box.appendChild(actions);
    el.appendChild(box);
  });
}

export function showRuntimeError(message: string): void {
  const el = layer('runtime-error');
  el.setAttribute('role', 'alert');
  el.textContent = message;
  el.appendChild(button('×', 'runtime-error-close', () => el.remove()));
}

export const SYSTEM_UI_CSS = `
.sys { position: fixed; inset: 0; z-index: 10000; display: flex; align-items: center; justify-content: center; font-size: 16px; }
.sys:not(.with-mask) { pointer-events: none; }
.sys.with-mask { background: rgba(0,0,0,0.5); }
.toast.with-mask, .toast { background: transparent; }
.toast-box { min-width: 120px; max-width: 70%; padding: 16px; border-radius: 12px; background: rgba(17,17,17,0.8); color: #fff; text-align: center; }
.toast-icon { font-size: 40px; line-height: 1.2; }
.icon-loading .toast-icon { display: inline-block; animation: wxb-spin 1s linear infinite; }
.modal-box { width: 80%; border-radius: 12px; background: var(--sys-bg, #fff); color: var(--sys-fg, #111); overflow: hidden; text-align: center; }
.modal-title { padding: 24px 24px 8px; font-weight: 700; font-size: 17px; }
.modal-content, .modal-field { padding: 8px 24px 24px; color: var(--sys-fg2, rgba(0,0,0,0.55)); white-space: pre-wrap; }
.modal-field { display: block; width: calc(100% - 48px); margin: 0 24px 16px; padding: 8px; min-height: 60px; font: inherit; }
.modal-actions { display: flex; border-top: 1px solid rgba(0,0,0,0.1); }
.modal-actions button, .sheet-item, .sheet-cancel { flex: 1; padding: 16px; border: 0; background: transparent; font: inherit; font-weight: 700; color: inherit; cursor: pointer; }
.modal-confirm, .picker-confirm { color: #576b95 !important; }
.sheet { align-items: flex-end; }
.sheet-box { width: 100%; border-radius: 12px 12px 0 0; background: var(--sys-bg, #fff); color: var(--sys-fg, #111); }
.sheet-item { display: block; width: 100%; border-bottom: 1px solid rgba(0,0,0,0.06); font-weight: 400; }
.sheet-cancel { display: block; width: 100%; border-top: 8px solid rgba(0,0,0,0.05); font-weight: 400; }
.sheet-alert { padding: 16px; color: rgba(0,0,0,0.5); font-size: 14px; text-align: center; }
.picker-field { display: block; width: calc(100% - 32px); margin: 16px; font-size: 18px; padding: 8px; }
.runtime-error { align-items: flex-start; justify-content: stretch; inset: auto 0 0 0; padding: 12px 36px 12px 12px; background: #fff0f0; color: #b00020; font: 12px/1.4 ui-monospace, monospace; white-space: pre-wrap; max-height: 40%; overflow: auto; border-top: 2px solid #b00020; pointer-events: auto; }
.runtime-error-close { position: absolute; right: 8px; top: 6px; border: 0; background: none; font-size: 18px; cursor: pointer; }
html[data-theme="dark"] .sys { --sys-bg: #2c2c2c; --sys-fg: #eee; --sys-fg2: rgba(255,255,255,0.6); }
html[data-theme="dark"] .toast-box { background: rgba(76,76,76,0.96); color: #fff; box-shadow: 0 0 0 1px rgba(255,255,255,0.12); }
html[data-theme="dark"] .sheet-alert { color: rgba(255,255,255,0.6); }
html[data-theme="dark"] .modal-actions { border-top-color: rgba(255,255,255,0.12); }
`;
