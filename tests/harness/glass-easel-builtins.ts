// The few WeChat built-ins that need behaviour in the glass-easel harness. glass-easel ships none:
// any other tag (view, text, button, image...) renders as a plain DOM element, which is enough for tests.
import * as glassEasel from 'glass-easel';

export interface BuiltinOptions {
  /** What `<open-data-item type="userNickName">` shows for each group_openid (default: the id itself). */
  memberNames?: Record<string, string>;
}

/** An image `<snapshot>.takeSnapshot` exported: its temporary file and the text its subtree showed. */
export interface TakenSnapshot {
  tempFilePath: string;
  options: { type: string; format: string };
  text: string;
}

/** Every snapshot taken in this test file, oldest first. */
export const takenSnapshots: TakenSnapshot[] = [];

interface TakeSnapshotOption {
  type: string;
  format: string;
  success?: (result: { tempFilePath: string; errMsg: string }) => void;
  fail?: (error: { errMsg: string }) => void;
}

// Accessibility attributes are properties of a component; `Mounted.attribute` reads them from there.
const ARIA = { ariaLabel: String, ariaRole: String, ariaHidden: Boolean, ariaDescribedby: String } as const;

type Compile = (source: string, templatePath?: string) => glassEasel.template.ComponentTemplate;

/** Walks up the shadow tree from an open-data-item to the open-data-list that renders it. */
function enclosingList(item: glassEasel.Element): glassEasel.GeneralComponent | null {
  for (let node = item.parentNode; node; node = node.parentNode) {
    if (glassEasel.Component.isComponent(node) && node.is === 'open-data-list') return node;
  }
  return null;
}

/** `currentOptions` is read at render time, so each mount can bring its own member names. */
export function registerBuiltins(
  space: glassEasel.ComponentSpace,
  compile: Compile,
  currentOptions: () => BuiltinOptions,
): void {
  // `<input model:value>`: the real input updates its own `value`, which glass-easel propagates back.
  const input = space.defineComponent({
    is: 'input',
    properties: {
      ...ARIA,
      value: String,
      placeholder: String,
      placeholderClass: String,
      placeholderStyle: String,
      type: String,
      password: Boolean,
      maxlength: Number,
      disabled: Boolean,
      focus: Boolean,
      confirmType: String,
      confirmHold: Boolean,
      cursorSpacing: Number,
      adjustPosition: Boolean,
      holdKeyboard: Boolean,
      alwaysEmbed: Boolean,
      name: String,
    },
    template: compile('<span class="input-value">{{value}}</span>'),
    methods: {
      userTypes(value: string) {
        this.setData({ value });
        this.triggerEvent('input', { value, cursor: value.length, keyCode: 0 });
      },
    },
  });
  space.setGlobalUsingComponent('input', input);

  // `<open-data-list members>` with dynamic slots: each member's slot receives its `index`.
  const list = space.defineComponent({
    is: 'open-data-list',
    options: { dynamicSlots: true },
    properties: { ...ARIA, type: String, members: Array },
    template: compile('<block wx:for="{{members}}"><slot index="{{index}}" /></block>'),
  });
  space.setGlobalUsingComponent('open-data-list', list);

  // `<open-data-item type index>`: shows the nickname (or avatar label) of members[index].
  const item = space.defineComponent({
    is: 'open-data-item',
    properties: { ...ARIA, type: String, index: Number },
    data: { label: '' },
    template: compile('<span class="open-data">{{label}}</span>'),
    lifetimes: {
      // In the first observer run the list is not yet a parent; it is once attached.
      attached() {
        const owner = enclosingList(this as unknown as glassEasel.Element);
        const members = (owner?.data as { members?: string[] } | undefined)?.members ?? [];
        const id = members[this.data.index] ?? '';
        const name = currentOptions().memberNames?.[id] ?? id;
        this.setData({ label: this.data.type === 'userAvatar' ? `avatar:${id}` : name });
      },
    },
  });
  space.setGlobalUsingComponent('open-data-item', item);

  // Skyline's `<snapshot>`: renders its children; takeSnapshot "exports" what they show (see takenSnapshots).
  // Pages reach it as WeChat gives it: createSelectorQuery().select('#id').node() (addNodeQuery in glass-easel.ts).
  const snapshot = space.defineComponent({
    is: 'snapshot',
    properties: { ...ARIA, mode: String },
    template: compile('<slot />'),
    methods: {
      takeSnapshot(this: unknown, option: TakeSnapshotOption) {
        const element = (this as glassEasel.Element).getBackendElement() as unknown as Element | null;
        const tempFilePath = `wxfile://tmp/snapshot-${takenSnapshots.length + 1}.png`;
        const text = (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
        setTimeout(() => {
          if (option.type !== 'file' || option.format !== 'png') {
            option.fail?.({ errMsg: 'takeSnapshot:fail the harness exports only { type: file, format: png }' });
            return;
          }
          takenSnapshots.push({ tempFilePath, options: { type: option.type, format: option.format }, text });
          option.success?.({ tempFilePath, errMsg: 'takeSnapshot:ok' });
        }, 0);
      },
    },
  });
  space.setGlobalUsingComponent('snapshot', snapshot);
}
