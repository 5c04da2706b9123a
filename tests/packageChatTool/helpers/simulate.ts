// Readers over the harness's rendered tree (tests/harness/simulate.ts) that it does not offer.
import type { Rendered } from '../../harness/simulate';

type Node = Rendered['root'];

interface JsonNode {
  attrs: { name: string; value: unknown }[];
}

/** A WXML attribute as written in the template (j-component keeps aria-* out of the DOM). */
export function attr(node: Node, name: string): unknown {
  const json = (node as unknown as { toJSON(): JsonNode }).toJSON();
  return json.attrs.find((a) => a.name === name)?.value;
}

/** Every node matching `selector` must carry an aria-role and a non-empty aria-label. */
export function expectAccessible(page: Rendered, selector: string): void {
  const nodes = page.root.querySelectorAll(selector);
  expect(nodes.length).toBeGreaterThan(0);
  for (const node of nodes) {
    expect([selector, attr(node, 'aria-role')]).toEqual([selector, expect.stringMatching(/\S/)]);
    expect([selector, attr(node, 'aria-label')]).toEqual([selector, expect.stringMatching(/\S/)]);
  }
}

/** Text of every node matching `selector`, whitespace-normalised. */
export function texts(page: Rendered, selector: string): string[] {
  return page.root.querySelectorAll(selector).map((n) => (n.dom.textContent ?? '').replace(/\s+/g, ' ').trim());
}
