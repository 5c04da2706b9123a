// WeChat's built-in components as glass-easel components (the engine has none of its own).
// Each behaves as the WeChat documentation describes for the properties and events a chat tool
// uses; the default look is in style.ts. They live in the environment's global code space and are
// made visible to every app component by their renamed tag (`view` → `wx-view`).

import { glassEasel, type CodeSpace } from 'glass-easel-miniprogram-adapter';
import { BUILTIN_TAGS, builtinTagName } from '../shared/builtins';
import { hostElement, innerElement, setFlag } from './dom';
import type { BuiltinServices, PickerMode } from './services';
import { attachSnapshot, installNodeQuery } from './snapshot';
import { installRefresher, type Refresher } from './refresher';
import { alignmentOf, scrollIntoView } from './scroll-into-view';
import { arrowTarget, tabStop, type RadioState } from './radio';

/** Class names in built-in templates are prefixed with this scope (`wxb--spinner`). */
export const BUILTIN_SCOPE = 'wxb';
/** glass-easel's temporary class segment: hover classes never fight the template's classes. */
const HOVER_SEGMENT = 3 as glassEasel.StyleSegmentIndex;

type Templates = Record<string, unknown>;
type Caller = { _$: glassEasel.GeneralComponent; data: Record<string, unknown> };

function trigger(comp: Caller, name: string, detail: unknown): void {
  glassEasel.triggerEvent(comp._$, name, detail, { bubbles: false, composed: false });
}

/** hover-class: added while pressed, kept hoverStayTime ms after release (WeChat's defaults 50/400). */
function installHover(comp: Caller): void {
  const el = hostElement(comp._$);
  let applied: string | null = null;
  let startTimer: ReturnType<typeof setTimeout> | undefined;
  const release = (): void => {
    clearTimeout(startTimer);
    setTimeout(() => {
      if (applied) comp._$.classList?.toggle(applied, false, HOVER_SEGMENT);
      applied = null;
    }, Number(comp.data.hoverStayTime));
  };
  const press = (): void => {
    const cls = comp.data.hoverClass;
    if (typeof cls !== 'string' || cls === '' || cls === 'none' || comp.data.disabled === true) return;
    startTimer = setTimeout(() => {
      applied = cls;
      comp._$.classList?.toggle(cls, true, HOVER_SEGMENT);
    }, Number(comp.data.hoverStartTime));
  };
  el.addEventListener('mousedown', press);
  el.addEventListener('touchstart', press, { passive: true });
  el.addEventListener('mouseup', release);
  el.addEventListener('mouseleave', release);
  el.addEventListener('touchend', release);
  el.addEventListener('touchcancel', release);
}

/**
 * WeChat accepts aria-* (and aria-role) on every built-in; they are reflected onto the host element
 * so the simulated page is as accessible as the real one and tests can find controls by role/label.
 */
const ARIA = [
  'role',
  'ariaRole',
  'ariaLabel',
  'ariaHidden',
  'ariaLevel',
  'ariaChecked',
  'ariaDisabled',
  'ariaSelected',
  'ariaExpanded',
  'ariaLive',
] as const;

const ariaProperties = Object.fromEntries(ARIA.map((name) => [name, { type: String, value: '' }])) as Record<
  (typeof ARIA)[number],
  { type: StringConstructor; value: string }
>;

function reflectAria(comp: Caller): void {
  const el = hostElement(comp._$);
  for (const name of ARIA) {
    const value = comp.data[name];
    if (typeof value !== 'string' || value === '') continue;
    const attr = name === 'role' || name === 'ariaRole' ? 'role' : `aria-${name.slice(4).toLowerCase()}`;
    el.setAttribute(attr, value);
  }
}

const hoverProperties = {
  hoverClass: { type: String, value: '' },
  hoverStartTime: { type: Number, value: 50 },
  hoverStayTime: { type: Number, value: 400 },
  hoverStopPropagation: { type: Boolean, value: false },
};

const ICON_GLYPHS: Record<string, string> = {
  success: '✔',
  success_no_circle: '✓',
  info: 'ℹ',
  warn: '!',
  waiting: '◔',
  cancel: '✕',
  download: '↓',
  search: '⌕',
  clear: '✕',
};

const ICON_COLORS: Record<string, string> = {
  success: '#07c160',
  success_no_circle: '#07c160',
  info: '#10aeff',
  warn: '#fa5151',
  waiting: '#10aeff',
  cancel: '#fa5151',
  download: '#07c160',
  search: '#b2b2b2',
  clear: '#b2b2b2',
};

/** The field of input and textarea: model:value, maxlength, focus, and WeChat's event details. */
function defineField(space: CodeSpace, tag: 'wx-input' | 'wx-textarea'): void {
  space.componentEnv(tag, ({ Component }) => {
    Component({
      properties: {
        value: { type: String, value: '' },
        type: { type: String, value: 'text' },
        password: { type: Boolean, value: false },
        placeholder: { type: String, value: '' },
        disabled: { type: Boolean, value: false },
        maxlength: { type: Number, value: 140 },
        focus: { type: Boolean, value: false },
        autoHeight: { type: Boolean, value: false },
      },
      observers: {
        'value, type, password, placeholder, disabled, maxlength, focus': function () {
          this.syncField();
        },
      },
      lifetimes: {
        attached() {
          const field = innerElement<HTMLInputElement | HTMLTextAreaElement>(this._$, 'field');
          // Native input/change events must not bubble to the host: glass-easel's DOM backend would
          // deliver them to bind:input as a second event without WeChat's detail.
          field.addEventListener('change', (ev) => ev.stopPropagation());
          field.addEventListener('input', (ev) => {
            ev.stopPropagation();
            // model:value follows the component's own value, as WeChat's input does.
            this.setData({ value: field.value });
            trigger(this, 'input', {
              value: field.value,
              cursor: field.selectionStart ?? field.value.length,
              keyCode: 0,
            });
            this.fitHeight();
          });
          field.addEventListener('focus', () => trigger(this, 'focus', { value: field.value, height: 0 }));
          field.addEventListener('blur', () =>
            trigger(this, 'blur', { value: field.value, cursor: field.value.length }),
          );
          // A label around the field, or naming it, focuses it (defineLabel).
          activators.set(this._$, () => field.focus());
          field.addEventListener('keydown', (ev: Event) => {
            const key = (ev as KeyboardEvent).key;
            if (key === 'Enter' && tag === 'wx-input') trigger(this, 'confirm', { value: field.value });
          });
          this.syncField();
        },
      },
      methods: {
        syncField() {
          let field: HTMLInputElement | HTMLTextAreaElement;
          try {
            field = innerElement(this._$, 'field');
          } catch {
            return;
          }
          const d = this.data;
          if (field.value !== d.value) field.value = d.value;
          if (field instanceof HTMLInputElement) {
            field.type = d.password ? 'password' : 'text';
            field.inputMode = d.type === 'number' ? 'numeric' : d.type === 'digit' ? 'decimal' : 'text';
          }
          field.placeholder = d.placeholder;
          field.disabled = d.disabled;
          if (d.maxlength >= 0) field.maxLength = d.maxlength;
          else field.removeAttribute('maxlength');
          const label = (this.data as Record<string, unknown>).ariaLabel;
          if (typeof label === 'string' && label) field.setAttribute('aria-label', label);
          if (d.focus && document.activeElement !== field) field.focus();
          this.fitHeight();
        },
        fitHeight() {
          if (tag !== 'wx-textarea' || !this.data.autoHeight) return;
          const field = innerElement<HTMLTextAreaElement>(this._$, 'field');
          field.style.height = 'auto';
          field.style.height = `${field.scrollHeight}px`;
        },
      },
    });
  });
}

function definePicker(space: CodeSpace, services: BuiltinServices): void {
  space.componentEnv('wx-picker', ({ Component }) => {
    Component({
      properties: {
        mode: { type: String, value: 'selector' },
        range: { type: Array, value: [] },
        rangeKey: { type: String, value: '' },
        value: { type: null, value: null },
        start: { type: String, value: '' },
        end: { type: String, value: '' },
        disabled: { type: Boolean, value: false },
      },
      lifetimes: {
        attached() {
          this._$.addListener('tap', () => {
            void this.open();
          });
        },
      },
      methods: {
        async open() {
          const d = this.data;
          if (d.disabled) return;
          const mode = (['selector', 'date', 'time'].includes(d.mode) ? d.mode : 'selector') as PickerMode;
          const options = (d.range as unknown[]).map((item) =>
            d.rangeKey && item && typeof item === 'object'
              ? String((item as Record<string, unknown>)[d.rangeKey])
              : String(item),
          );
          const chosen = await services.pick({
            mode,
            value: d.value === null || d.value === undefined ? '' : String(d.value),
            options,
            start: d.start || undefined,
            end: d.end || undefined,
          });
          if (chosen === null) {
            trigger(this, 'cancel', {});
            return;
          }
          const value = mode === 'selector' ? Number(chosen) : chosen;
          this.setData({ value });
          trigger(this, 'change', { value });
        },
      },
    });
  });
}

function defineOpenData(space: CodeSpace, services: BuiltinServices): void {
  space.componentEnv('wx-open-data-list', ({ Component }) => {
    Component({
      options: { dynamicSlots: true },
      properties: {
        type: { type: String, value: 'groupMembers' },
        members: { type: Array, value: [] },
      },
    });
  });
  space.componentEnv('wx-open-data-item', ({ Component }) => {
    Component({
      properties: {
        type: { type: String, value: 'userNickName' },
        index: { type: Number, value: 0 },
      },
      data: { isAvatar: false, avatarUrl: '', nickname: '' },
      observers: {
        'type, index': function () {
          this.resolve();
        },
      },
      lifetimes: {
        // The composed parent (the list) exists only once attached, not in the first observer run.
        attached() {
          this.resolve();
        },
      },
      methods: {
        resolve() {
          let node: glassEasel.Element | null = this._$.getComposedParent();
          while (node && !(node instanceof glassEasel.Component && node.is === 'wx-open-data-list')) {
            node = node.getComposedParent();
          }
          const members = node ? ((node as glassEasel.GeneralComponent).data.members as unknown[]) : [];
          const groupOpenid = String(members[this.data.index] ?? '');
          const entry = services.directory().find((m) => m.groupOpenid === groupOpenid);
          this.setData({
            isAvatar: this.data.type === 'userAvatar' || this.data.type === 'userAvatarUrl',
            avatarUrl: entry?.avatarUrl ?? '',
            nickname: entry?.nickname ?? '',
          });
        },
      },
    });
  });
}

/** Skyline's text overflow modes (docs/platform.md, "Skyline"); anything else is `visible`. */
const TEXT_OVERFLOW = ['clip', 'fade', 'ellipsis', 'visible'];

/**
 * `<text overflow max-lines>` (Skyline's; the page's CSS line-clamp does nothing there): the inner span's class
 * (style.ts draws each mode, on Skyline pages only) and the line count.
 */
export function textLines(overflow: string, maxLines: number): { lines: string; linesStyle: string } {
  if (!(maxLines > 0)) return { lines: '', linesStyle: '' };
  const mode = TEXT_OVERFLOW.includes(overflow) ? overflow : 'visible';
  const lines = Math.floor(maxLines);
  return { lines: `lines lines-${mode}`, linesStyle: `--wx-max-lines:${lines};-webkit-line-clamp:${lines}` };
}

/**
 * The controls a `label` can trigger (docs/platform.md, "radio-group, radio and label"), each with what a tap on
 * it does: a radio is chosen, a switch toggles, an input takes the focus.
 */
const activators = new WeakMap<glassEasel.GeneralComponent, () => void>();
/** Ids given to labels that name their control (aria-labelledby). */
let labelIds = 0;

/** Each scroll-view's pull-to-refresh, for the refresher-triggered observer. */
const refreshers = new WeakMap<glassEasel.GeneralComponent, Refresher>();
/** The scroll-into-view id each scroll-view last acted on. */
const shownChild = new WeakMap<glassEasel.GeneralComponent, string>();

function defineBasics(space: CodeSpace, services: BuiltinServices): void {
  space.componentEnv('wx-view', ({ Component }) => {
    Component({
      properties: { ...hoverProperties, hoverClass: { type: String, value: 'none' } },
      lifetimes: {
        attached() {
          installHover(this);
        },
      },
    });
  });
  space.componentEnv('wx-text', ({ Component }) => {
    Component({
      properties: {
        userSelect: { type: Boolean, value: false },
        space: { type: String, value: '' },
        decode: { type: Boolean, value: false },
        overflow: { type: String, value: 'visible' },
        maxLines: { type: Number, value: 0 },
      },
      data: { lines: '', linesStyle: '' },
      observers: {
        'overflow, maxLines': function () {
          this.setData(textLines(this.data.overflow, this.data.maxLines));
        },
      },
    });
  });
  space.componentEnv('wx-navigator', ({ Component }) => {
    Component({
      properties: {
        ...hoverProperties,
        url: { type: String, value: '' },
        openType: { type: String, value: 'navigate' },
        delta: { type: Number, value: 1 },
      },
      lifetimes: {
        attached() {
          installHover(this);
          this._$.addListener('tap', () => services.navigate(this.data.openType, this.data.url, this.data.delta));
        },
      },
    });
  });
  space.componentEnv('wx-button', ({ Component }) => {
    Component({
      properties: {
        ...hoverProperties,
        // The default 'button-hover' look is the :active rule in style.ts.
        hoverClass: { type: String, value: 'none' },
        hoverStayTime: { type: Number, value: 70 },
        type: { type: String, value: 'default' },
        size: { type: String, value: 'default' },
        plain: { type: Boolean, value: false },
        disabled: { type: Boolean, value: false },
        loading: { type: Boolean, value: false },
        openType: { type: String, value: '' },
        formType: { type: String, value: '' },
      },
      observers: {
        'type, size, plain, disabled, loading': function () {
          const el = hostElement(this._$);
          el.setAttribute('type', this.data.type);
          el.setAttribute('size', this.data.size);
          setFlag(el, 'plain', this.data.plain);
          setFlag(el, 'disabled', this.data.disabled);
          setFlag(el, 'loading', this.data.loading);
          el.setAttribute('aria-disabled', String(this.data.disabled));
        },
      },
      lifetimes: {
        attached() {
          const el = hostElement(this._$);
          el.setAttribute('role', 'button');
          el.tabIndex = 0;
          installHover(this);
          this._$.addListener('tap', () => {
            if (this.data.disabled || this.data.openType !== 'share') return;
            if (services.chatToolMode()) {
              // WeChat disables open-type=share inside chat tools (docs/platform.md#chat-tool-mode).
              services.note(
                'button open-type=share',
                {},
                false,
                'refused: open-type="share" is disabled in chat-tool mode',
              );
              return;
            }
            services.note('button open-type=share', {}, true, services.shareFromPage());
          });
        },
      },
    });
  });
  space.componentEnv('wx-image', ({ Component }) => {
    Component({
      properties: {
        src: { type: String, value: '' },
        mode: { type: String, value: 'scaleToFill' },
        lazyLoad: { type: Boolean, value: false },
      },
      observers: {
        'src, mode': function () {
          const img = innerElement<HTMLImageElement>(this._$, 'img');
          hostElement(this._$).setAttribute('mode', this.data.mode);
          if (this.data.src) img.src = services.readTempFile(this.data.src) ?? this.data.src;
          else img.removeAttribute('src');
        },
      },
      lifetimes: {
        attached() {
          const img = innerElement<HTMLImageElement>(this._$, 'img');
          img.addEventListener('load', () =>
            trigger(this, 'load', { width: img.naturalWidth, height: img.naturalHeight }),
          );
          img.addEventListener('error', () => trigger(this, 'error', { errMsg: `GET ${this.data.src} failed` }));
          hostElement(this._$).setAttribute('mode', this.data.mode);
          if (this.data.src) img.src = services.readTempFile(this.data.src) ?? this.data.src;
        },
      },
    });
  });
  space.componentEnv('wx-scroll-view', ({ Component }) => {
    Component({
      properties: {
        scrollX: { type: Boolean, value: false },
        scrollY: { type: Boolean, value: false },
        type: { type: String, value: 'list' },
        scrollTop: { type: Number, value: 0 },
        lowerThreshold: { type: Number, value: 50 },
        upperThreshold: { type: Number, value: 50 },
        refresherEnabled: { type: Boolean, value: false },
        refresherThreshold: { type: Number, value: 45 },
        refresherDefaultStyle: { type: String, value: 'black' },
        refresherBackground: { type: String, value: '#fff' },
        refresherTriggered: { type: Boolean, value: false },
        scrollIntoView: { type: String, value: '' },
        scrollIntoViewOffset: { type: Number, value: 0 },
        scrollIntoViewAlignment: { type: String, value: 'start' },
        scrollWithAnimation: { type: Boolean, value: false },
      },
      observers: {
        scrollIntoView(id: string) {
          // After the update that set it: the element may be rendered by the same setData.
          setTimeout(() => this.showChild(id), 0);
        },
        'refresherDefaultStyle, refresherBackground': function () {
          const area = innerElement(this._$, 'refresher');
          area.style.background = this.data.refresherBackground;
          area.setAttribute('data-style', this.data.refresherDefaultStyle);
        },
        refresherTriggered(on: boolean) {
          refreshers.get(this._$)?.setTriggered(on);
        },
        'scrollX, scrollY': function () {
          const el = hostElement(this._$);
          setFlag(el, 'scroll-x', this.data.scrollX);
          setFlag(el, 'scroll-y', this.data.scrollY);
        },
        scrollTop(top: number) {
          innerElement(this._$, 'scroller').scrollTop = top;
        },
      },
      methods: {
        /** scroll-into-view: the element with this id among the scroll view's content, once per change. */
        showChild(id: string) {
          if (id === shownChild.get(this._$)) return;
          shownChild.set(this._$, id);
          if (id === '') return;
          const scroller = innerElement(this._$, 'scroller');
          const node = this._$.ownerShadowRoot?.getElementById(id);
          const target = node?.getBackendElement() as unknown as HTMLElement | null | undefined;
          if (!target || !scroller.contains(target)) return;
          // The offset and the alignment are Skyline's; a WebView page scrolls the element to the start.
          const skyline = scroller.closest<HTMLElement>('wx-page')?.dataset.renderer === 'skyline';
          scrollIntoView(scroller, target, {
            vertical: this.data.scrollY,
            horizontal: this.data.scrollX,
            alignment: skyline ? alignmentOf(this.data.scrollIntoViewAlignment) : 'start',
            offset: skyline ? this.data.scrollIntoViewOffset : 0,
            animated: this.data.scrollWithAnimation,
          });
        },
      },
      lifetimes: {
        attached() {
          const scroller = innerElement(this._$, 'scroller');
          const refresher = installRefresher(scroller, innerElement(this._$, 'refresher'), {
            enabled: () => this.data.refresherEnabled,
            threshold: () => this.data.refresherThreshold,
            trigger: (name, detail) => trigger(this, name, detail),
          });
          refreshers.set(this._$, refresher);
          if (this.data.refresherTriggered) refresher.setTriggered(true);
          let atLower = false;
          let atUpper = true;
          scroller.addEventListener('scroll', () => {
            const { scrollTop, scrollLeft, scrollHeight, scrollWidth, clientHeight } = scroller;
            trigger(this, 'scroll', { scrollTop, scrollLeft, scrollHeight, scrollWidth, deltaX: 0, deltaY: 0 });
            const lower = scrollHeight - scrollTop - clientHeight <= this.data.lowerThreshold;
            const upper = scrollTop <= this.data.upperThreshold;
            if (lower && !atLower) trigger(this, 'scrolltolower', { direction: 'bottom' });
            if (upper && !atUpper) trigger(this, 'scrolltoupper', { direction: 'top' });
            atLower = lower;
            atUpper = upper;
          });
        },
      },
    });
  });
  space.componentEnv('wx-switch', ({ Component }) => {
    Component({
      properties: {
        checked: { type: Boolean, value: false },
        disabled: { type: Boolean, value: false },
        type: { type: String, value: 'switch' },
        color: { type: String, value: '' },
      },
      observers: {
        'checked, disabled': function () {
          const el = hostElement(this._$);
          el.setAttribute('aria-checked', String(this.data.checked));
          setFlag(el, 'disabled', this.data.disabled);
        },
      },
      lifetimes: {
        attached() {
          const el = hostElement(this._$);
          el.setAttribute('role', 'switch');
          el.tabIndex = 0;
          const toggle = (): void => {
            if (this.data.disabled) return;
            const value = !this.data.checked;
            this.setData({ checked: value });
            trigger(this, 'change', { value });
          };
          activators.set(this._$, toggle);
          this._$.addListener('tap', toggle);
        },
      },
    });
  });
  space.componentEnv('wx-icon', ({ Component }) => {
    Component({
      properties: {
        type: { type: String, value: '' },
        size: { type: Number, value: 23 },
        color: { type: String, value: '' },
      },
      // The type's own colour unless `color` is given; kept apart so that a later type gets its own.
      data: { glyph: '', shownColor: '' },
      observers: {
        'type, color': function () {
          this.setData({
            glyph: ICON_GLYPHS[this.data.type] ?? '',
            shownColor: this.data.color || ICON_COLORS[this.data.type] || 'inherit',
          });
        },
      },
    });
  });
}

function isBuiltin(node: glassEasel.Node | null, tag: string): node is glassEasel.GeneralComponent {
  return node instanceof glassEasel.Component && node.is === tag;
}

/** The radio-group a radio belongs to: the nearest one around it, across component boundaries. */
function groupOf(radio: glassEasel.GeneralComponent): glassEasel.GeneralComponent | null {
  for (let node = radio.getComposedParent(); node; node = node.getComposedParent()) {
    if (isBuiltin(node, 'wx-radio-group')) return node;
  }
  return null;
}

/** The built-ins inside `comp`, across component boundaries, in document order. */
function builtinsInside(comp: glassEasel.GeneralComponent): glassEasel.GeneralComponent[] {
  const found: glassEasel.GeneralComponent[] = [];
  glassEasel.ElementIterator.create(
    comp,
    'composed-descendants-root-first' as glassEasel.ElementIteratorType,
    glassEasel.Component,
  ).forEach((node) => {
    if (node !== comp) found.push(node as glassEasel.GeneralComponent);
  });
  return found;
}

/** The radios of a group, in document order (not those of a group nested inside it). */
function radiosOf(group: glassEasel.GeneralComponent): glassEasel.GeneralComponent[] {
  return builtinsInside(group).filter((node) => node.is === 'wx-radio' && groupOf(node) === group);
}

function radioState(radio: glassEasel.GeneralComponent): RadioState {
  return { checked: radio.data.checked === true, disabled: radio.data.disabled === true };
}

/** One radio of a group in the Tab order (radio.ts); a radio outside any group is its own stop. */
function syncTabStops(radio: glassEasel.GeneralComponent): void {
  const group = groupOf(radio);
  const radios = group ? radiosOf(group) : [radio];
  const stop = tabStop(radios.map(radioState));
  radios.forEach((r, i) => {
    hostElement(r).tabIndex = i === stop ? 0 : -1;
  });
}

/**
 * A radio chosen by a tap, its label or the keyboard: it becomes the group's only checked radio and the group
 * reports its value. A disabled radio, or the one already checked, changes nothing.
 */
function choose(radio: glassEasel.GeneralComponent): void {
  if (radio.data.disabled === true || radio.data.checked === true) return;
  radio.setData({ checked: true });
  const group = groupOf(radio);
  // WeChat's radio-group page writes `value` as an array; every page and the typings read the chosen radio's
  // value, a string, which is what WeChat sends (docs/platform.md, "radio-group, radio and label").
  if (group) glassEasel.triggerEvent(group, 'change', { value: radio.data.value }, { bubbles: false, composed: false });
}

/** WeChat's radio-group, radio and the label that forwards a tap to its control. */
function defineChoices(space: CodeSpace): void {
  space.componentEnv('wx-radio-group', ({ Component }) => {
    Component({
      lifetimes: {
        attached() {
          hostElement(this._$).setAttribute('role', 'radiogroup');
        },
      },
    });
  });
  space.componentEnv('wx-radio', ({ Component }) => {
    Component({
      properties: {
        value: { type: String, value: '' },
        checked: { type: Boolean, value: false },
        disabled: { type: Boolean, value: false },
        color: { type: String, value: '#09BB07' },
      },
      observers: {
        checked(on: boolean) {
          // Only one radio of a group is checked, whether a tap or the page's data checked this one.
          const group = on ? groupOf(this._$) : null;
          const others = group ? radiosOf(group).filter((other) => other !== this._$) : [];
          for (const other of others) other.setData({ checked: false });
        },
        'checked, disabled': function () {
          const el = hostElement(this._$);
          el.setAttribute('aria-checked', String(this.data.checked));
          el.setAttribute('aria-disabled', String(this.data.disabled));
          setFlag(el, 'disabled', this.data.disabled);
          syncTabStops(this._$);
        },
      },
      lifetimes: {
        attached() {
          const el = hostElement(this._$);
          el.setAttribute('role', 'radio');
          activators.set(this._$, () => choose(this._$));
          this._$.addListener('tap', () => choose(this._$));
          el.addEventListener('keydown', (ev: KeyboardEvent) => {
            if (ev.key === ' ' || ev.key === 'Enter') {
              ev.preventDefault();
              choose(this._$);
              return;
            }
            const group = groupOf(this._$);
            const radios = group ? radiosOf(group) : [this._$];
            const next = arrowTarget(radios.map(radioState), radios.indexOf(this._$), ev.key);
            if (next === null) return;
            ev.preventDefault();
            hostElement(radios[next]!).focus();
            choose(radios[next]!);
          });
          syncTabStops(this._$);
        },
      },
    });
  });
  space.componentEnv('wx-label', ({ Component }) => {
    Component({
      properties: { ...hoverProperties, hoverClass: { type: String, value: 'none' }, for: { type: String, value: '' } },
      observers: {
        for() {
          this.nameControl();
        },
      },
      methods: {
        /** The control named by `for`, else the first control inside (WeChat: `for` wins over what is inside). */
        control(): glassEasel.GeneralComponent | null {
          if (this.data.for !== '') {
            const named = this._$.ownerShadowRoot?.getElementById(this.data.for) ?? null;
            return named instanceof glassEasel.Component && activators.has(named) ? named : null;
          }
          return builtinsInside(this._$).find((node) => activators.has(node)) ?? null;
        },
        /** The label's text names its radio or switch for screen readers, as an HTML label names its input. */
        nameControl() {
          // After the update that rendered the label: the control it names may come later in the same one.
          setTimeout(() => {
            const control = this.control();
            if (!control) return;
            const controlEl = hostElement(control);
            if (!controlEl.hasAttribute('role') || controlEl.hasAttribute('aria-label')) return;
            const labelEl = hostElement(this._$);
            if (labelEl.id === '') labelEl.id = `wxb-label-${(labelIds += 1)}`;
            controlEl.setAttribute('aria-labelledby', labelEl.id);
          }, 0);
        },
      },
      lifetimes: {
        attached() {
          installHover(this);
          this._$.addListener('tap', (ev) => {
            const control = this.control();
            if (!control) return;
            // A tap on the control itself is the control's own (the browser event says where it landed).
            const target = (ev.getOriginalEvent() as Event | undefined)?.target;
            if (target instanceof Node && hostElement(control).contains(target)) return;
            activators.get(control)?.();
          });
          this.nameControl();
        },
      },
    });
  });
}

/** Skyline's <snapshot>: a block whose Snapshot instance `.node()` returns (snapshot.ts). */
function defineSnapshot(space: CodeSpace, services: BuiltinServices): void {
  space.componentEnv('wx-snapshot', ({ Component }) => {
    Component({
      properties: { mode: { type: String, value: 'view' } },
      lifetimes: {
        attached() {
          attachSnapshot(hostElement(this._$), services);
        },
      },
    });
  });
}

export interface RegisteredBuiltins {
  /** Built-in tag (`wx-view`) → its component definition. */
  definitions: Map<string, glassEasel.GeneralComponentDefinition>;
}

/** Defines every built-in in the global code space; call before creating the app's code space. */
export function registerBuiltins(
  space: CodeSpace,
  templates: Templates,
  services: BuiltinServices,
): RegisteredBuiltins {
  space.setOverallBehavior(
    (
      space.componentEnv(
        '',
        ({ Behavior }) =>
          Behavior({
            properties: ariaProperties,
            observers: {
              [ARIA.join(', ')]: function (this: Caller) {
                reflectAria(this);
              },
            },
          }),
        // The adapter wraps glass-easel's behavior in `_$` (internal, stable across 0.x).
      ) as unknown as { _$: glassEasel.GeneralBehavior }
    )._$,
  );
  for (const tag of BUILTIN_TAGS) {
    const path = builtinTagName(tag);
    const content = templates[path];
    if (content === undefined) throw new Error(`built-in ${path} has no compiled template`);
    space.addCompiledTemplate(path, { groupList: templates, content } as glassEasel.template.ComponentTemplate);
    space.addComponentStaticConfig(path, { component: true, styleIsolation: 'isolated' as never });
    space.addStyleSheet(path, undefined, BUILTIN_SCOPE);
  }
  defineBasics(space, services);
  defineField(space, 'wx-input');
  defineField(space, 'wx-textarea');
  definePicker(space, services);
  defineOpenData(space, services);
  defineSnapshot(space, services);
  defineChoices(space);
  installNodeQuery();
  const componentSpace = space.getComponentSpace();
  const definitions = new Map<string, glassEasel.GeneralComponentDefinition>();
  for (const tag of BUILTIN_TAGS) {
    const path = builtinTagName(tag);
    const def = componentSpace.getComponentByUrlWithoutDefault(path, '');
    if (!def) throw new Error(`built-in ${path} was not registered`);
    definitions.set(path, def);
  }
  return { definitions };
}
