// The phone's chrome around the pages: status bar, navigation bar (title, back) and WeChat's
// capsule button, which stays even on pages with navigationStyle "custom".

export interface NavigationState {
  title: string;
  canGoBack: boolean;
  /** navigationStyle "custom": the page draws its own bar under the status bar. */
  custom: boolean;
}

export class NavigationBar {
  private readonly bar: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly back: HTMLButtonElement;

  constructor(parent: HTMLElement, onBack: () => void) {
    const status = document.createElement('div');
    status.className = 'status-bar';
    status.setAttribute('aria-hidden', 'true');
    status.textContent = '9:41';
    this.bar = document.createElement('header');
    this.bar.className = 'nav-bar';
    this.back = document.createElement('button');
    this.back.type = 'button';
    this.back.className = 'nav-back';
    this.back.textContent = '‹';
    this.back.setAttribute('aria-label', '返回 Back');
    this.back.addEventListener('click', onBack);
    this.titleEl = document.createElement('h1');
    this.titleEl.className = 'nav-title';
    this.bar.append(this.back, this.titleEl);
    const capsule = document.createElement('div');
    capsule.className = 'capsule';
    capsule.setAttribute('aria-hidden', 'true');
    capsule.innerHTML = '<span>•••</span><span class="capsule-sep"></span><span>◉</span>';
    parent.append(status, this.bar, capsule);
  }

  show(state: NavigationState): void {
    this.bar.hidden = state.custom;
    this.back.hidden = !state.canGoBack;
    this.titleEl.textContent = state.title;
  }

  setTitle(title: string): void {
    this.titleEl.textContent = title;
  }
}

export const FRAME_CSS = `
html, body { margin: 0; height: 100%; overflow: hidden; font-family: -apple-system, "PingFang SC", "Helvetica Neue", "Noto Sans CJK SC", sans-serif; font-size: 17px; -webkit-tap-highlight-color: transparent; }
html[data-theme="light"] body { background: #fff; color: #111; }
html[data-theme="dark"] { color-scheme: dark; }
html[data-theme="dark"] body { background: #111; color: #eee; }
.status-bar { position: absolute; top: 0; left: 0; right: 0; height: 44px; padding-left: 24px; line-height: 44px; font-size: 14px; font-weight: 600; z-index: 3; }
.nav-bar { position: absolute; top: 44px; left: 0; right: 0; height: 44px; display: flex; align-items: center; justify-content: center; background: #ededed; z-index: 2; }
html[data-theme="dark"] .nav-bar { background: #1e1e1e; }
.nav-title { margin: 0; font-size: 17px; font-weight: 600; max-width: 55%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.nav-back { position: absolute; left: 4px; top: 0; height: 44px; width: 44px; border: 0; background: none; font-size: 32px; line-height: 40px; color: inherit; cursor: pointer; }
.capsule { position: absolute; top: 48px; right: 7px; width: 87px; height: 32px; box-sizing: border-box; display: flex; align-items: center; justify-content: space-around; border: 1px solid rgba(0,0,0,0.15); border-radius: 16px; background: rgba(255,255,255,0.6); font-size: 12px; z-index: 4; }
html[data-theme="dark"] .capsule { background: rgba(0,0,0,0.4); border-color: rgba(255,255,255,0.2); }
.capsule-sep { width: 1px; height: 18px; background: rgba(0,0,0,0.2); }
.pages { position: absolute; top: 88px; left: 0; right: 0; bottom: 0; }
body.custom-nav .pages { top: 0; }
.page { position: absolute; inset: 0; overflow-y: auto; }
.page[hidden], .nav-bar[hidden], .nav-back[hidden] { display: none; }
`;
