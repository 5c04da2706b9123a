// A WXML element tree with the line and column of every element and attribute, for checks that judge
// markup (the Skyline check), built on the shared WXML tokenizer (scripts/wxml-tokens.ts).
// Run it on WXML that compiles (the wxml check reports syntax errors); unbalanced tags are tolerated.
import { tokenizeWxml } from '../wxml-tokens';
import { linesOf, type Position } from './positions';

export type { Position };

export interface WxmlAttribute extends Position {
  name: string;
  /** The raw value between the quotes; null for a bare attribute (`scroll-y`). */
  value: string | null;
}

export interface WxmlElement extends Position {
  tag: string;
  attributes: WxmlAttribute[];
  children: WxmlElement[];
  parent: WxmlElement | null;
}

/** The top-level elements of a WXML source, each with its descendants. */
export function parseWxml(src: string): WxmlElement[] {
  const lines = linesOf(src);
  const roots: WxmlElement[] = [];
  const open: WxmlElement[] = [];
  for (const token of tokenizeWxml(src)) {
    if (token.kind === 'close') {
      const index = open.map((element) => element.tag).lastIndexOf(token.name);
      if (index !== -1) open.length = index;
      continue;
    }
    const parent = open.at(-1) ?? null;
    const element: WxmlElement = {
      tag: token.name,
      attributes: token.attributes.map(({ name, value, start }) => ({ name, value, ...lines.at(start) })),
      children: [],
      parent,
      // The element stands at its `<`.
      ...lines.at(token.start - 1),
    };
    (parent ? parent.children : roots).push(element);
    if (!token.selfClosing) open.push(element);
  }
  return roots;
}

/** Every element of the tree, parents before children. */
export function allElements(roots: WxmlElement[]): WxmlElement[] {
  return roots.flatMap((element) => [element, ...allElements(element.children)]);
}

export function attributeOf(element: WxmlElement, name: string): WxmlAttribute | undefined {
  return element.attributes.find((attribute) => attribute.name === name);
}
