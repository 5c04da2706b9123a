// The default look of the built-in components, close to WeChat's (WeUI colours, 17px body text).
// Rules use :where() so that any class selector in the app's WXSS wins, as it does in WeChat.

import type { RendererDefaults } from '../shared/registry';

export const BUILTIN_CSS = `
:where(wx-page) { display: block; min-height: 100%; }
:where(wx-view, wx-label, wx-navigator, wx-open-data-list, wx-snapshot) { display: block; }
:where(wx-text, wx-open-data-item) { display: inline; }
:where(wx-text) { white-space: pre-wrap; }
wx-page[data-renderer="skyline"] .wxb--lines { display: block; max-height: calc(var(--wx-max-lines) * 1lh); }
wx-page[data-renderer="skyline"] .wxb--lines-ellipsis {
  display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; max-height: none;
}
wx-page[data-renderer="skyline"] .wxb--lines-clip { overflow: hidden; }
wx-page[data-renderer="skyline"] .wxb--lines-fade {
  overflow: hidden; -webkit-mask-image: linear-gradient(to bottom, #000 calc(100% - 1lh), transparent);
}
:where(wx-button) {
  display: block; position: relative; margin: 0 auto; padding: 8px 24px; box-sizing: border-box;
  width: 184px; font-size: 17px; font-weight: 700; line-height: 1.41; text-align: center;
  border-radius: 8px; color: #06ae56; background: #f2f2f2; cursor: pointer; user-select: none;
}
:where(wx-button[type="primary"]) { color: #fff; background: #07c160; }
:where(wx-button[type="warn"]) { color: #fa5151; background: #f2f2f2; }
:where(wx-button[size="mini"]) { display: inline-block; width: auto; padding: 0 12px; font-size: 14px; line-height: 2.3; }
:where(wx-button[plain]) { background: transparent; border: 1px solid currentColor; }
:where(wx-button:active:not([disabled])) { filter: brightness(0.9); }
:where(wx-button[disabled]) { opacity: 0.5; pointer-events: none; cursor: default; }
:where(wx-button[loading]) { pointer-events: none; }
.wxb--spinner {
  display: inline-block; width: 1em; height: 1em; margin-right: 0.4em; vertical-align: -0.15em;
  border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%;
  animation: wxb-spin 0.8s linear infinite;
}
@keyframes wxb-spin { to { transform: rotate(360deg); } }
:where(wx-input, wx-textarea) { display: block; min-height: 1.4em; }
:where(wx-textarea) { width: 300px; height: 150px; }
.wxb--field {
  display: block; width: 100%; height: 100%; min-height: inherit; box-sizing: border-box; margin: 0; padding: 0;
  border: 0; outline: none; background: transparent; color: inherit; font: inherit; resize: none;
}
:where(wx-image) { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
:where(wx-image[mode="widthFix"]) { height: auto; }
:where(wx-image[mode="heightFix"]) { width: auto; }
.wxb--img { display: block; width: 100%; height: 100%; object-fit: fill; }
wx-image[mode="aspectFit"] > .wxb--img { object-fit: contain; }
wx-image[mode="aspectFill"] > .wxb--img { object-fit: cover; }
wx-image[mode="widthFix"] > .wxb--img { height: auto; }
:where(wx-scroll-view) { display: block; position: relative; }
.wxb--scroller { width: 100%; height: 100%; max-height: inherit; overflow: hidden; }
.wxb--refresher { height: 0; overflow: hidden; display: flex; align-items: center; justify-content: center; color: #888; transition: height 0.2s; }
.wxb--refresher[data-style="white"] { color: #fff; }
.wxb--refresher[data-style="none"] > .wxb--spinner { display: none; }
wx-scroll-view[scroll-y] > .wxb--scroller { overflow-y: auto; }
wx-scroll-view[scroll-x] > .wxb--scroller { overflow-x: auto; }
:where(wx-picker) { display: block; cursor: pointer; }
:where(wx-switch) { display: inline-block; cursor: pointer; }
:where(wx-switch[disabled]) { opacity: 0.5; pointer-events: none; }
.wxb--track { display: inline-block; position: relative; width: 52px; height: 32px; border-radius: 16px; background: #e5e5e5; transition: background 0.2s; vertical-align: middle; }
.wxb--track.wxb--on { background: #07c160; }
.wxb--knob { position: absolute; top: 2px; left: 2px; width: 28px; height: 28px; border-radius: 50%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,0.3); transition: left 0.2s; }
.wxb--on > .wxb--knob { left: 22px; }
:where(wx-radio) { display: inline-block; cursor: pointer; vertical-align: middle; }
:where(wx-radio[disabled]) { opacity: 0.5; cursor: default; }
:where(wx-radio:focus-visible) { outline: 2px solid #07c160; outline-offset: 2px; border-radius: 4px; }
.wxb--radio-icon {
  display: inline-block; position: relative; box-sizing: border-box; width: 22px; height: 22px; margin-right: 5px;
  border: 1px solid #d1d1d1; border-radius: 50%; background: #fff; vertical-align: middle;
}
.wxb--radio-checked::after {
  content: ''; position: absolute; left: 7px; top: 3px; width: 5px; height: 10px;
  border: solid #fff; border-width: 0 2px 2px 0; transform: rotate(45deg);
}
html[data-theme="dark"] .wxb--radio-icon:not(.wxb--radio-checked) { background: #2c2c2c; border-color: rgba(255,255,255,0.3); }
:where(wx-icon) { display: inline-block; vertical-align: middle; }
.wxb--glyph { display: inline-block; text-align: center; font-weight: 700; }
.wxb--avatar { display: block; width: 100%; height: 100%; border-radius: inherit; object-fit: cover; }
`;

/** Skyline pages: the box model and display defaults app.json's rendererOptions choose. */
export function skylineCss(defaults: RendererDefaults): string {
  const sizing = defaults.contentBox ? 'content-box' : 'border-box';
  const display = defaults.displayBlock
    ? ''
    : ':where(wx-page[data-renderer="skyline"] wx-view) { display: flex; flex-direction: column; }';
  return `:where(wx-page[data-renderer="skyline"], wx-page[data-renderer="skyline"] *) { box-sizing: ${sizing}; }\n${display}`;
}
