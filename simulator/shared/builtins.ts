// The WeChat built-in component tags the simulator implements, shared by the build (tag rename)
// and the browser runtime (registration). Each is renamed to `wx-<tag>` so that `button`, `input`,
// `image`... never become real HTML controls, which behave differently (an <input> holds no children).

export const BUILTIN_TAGS = [
  'view',
  'text',
  'button',
  'input',
  'textarea',
  'image',
  'scroll-view',
  'picker',
  'switch',
  'radio-group',
  'radio',
  'icon',
  'label',
  'navigator',
  'open-data-list',
  'open-data-item',
  'snapshot',
] as const;

export type BuiltinTag = (typeof BUILTIN_TAGS)[number];

export const BUILTIN_PREFIX = 'wx-';

const builtinSet: ReadonlySet<string> = new Set(BUILTIN_TAGS);

export function isBuiltinTag(name: string): name is BuiltinTag {
  return builtinSet.has(name);
}

export function builtinTagName(tag: BuiltinTag): string {
  return `${BUILTIN_PREFIX}${tag}`;
}
