// Pages on the real glass-easel engine (tests/harness/glass-easel.ts), opened as WeChat opens them.
import * as glassEasel from 'glass-easel';
import { attributeOf, mountGlassEasel, type Mounted, type MountOptions } from '../../harness/glass-easel';

/** Lets the handlers' promises settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Mounts the page, then awaits onLoad(query) and onShow() like WeChat. */
export async function openPage(
  pagePath: string,
  query: Record<string, string> = {},
  options: MountOptions = {},
): Promise<Mounted> {
  const page = mountGlassEasel(pagePath, options);
  await page.callMethod('onLoad', query);
  const onShow = glassEasel.Component.getMethod(page.component, 'onShow');
  if (onShow) await onShow.call(page.component.getMethodCaller());
  await settle();
  return page;
}

/** Waits (up to 0.5 s) until `ready()`, e.g. past a setData callback, which waits for the next frame. */
export async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ready(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(ready()).toBe(true);
}

/** Taps and waits for the handler's promises. */
export async function tapAndSettle(page: Mounted, selector: string): Promise<void> {
  page.tap(selector);
  await settle();
}

/** Fires a component event (e.g. a textarea's input or a picker's change) with `detail`. */
export function fire(page: Mounted, selector: string, type: string, detail: Record<string, unknown>): void {
  glassEasel.Event.triggerEvent(page.get(selector), type, detail, { bubbles: true, composed: true });
}

/** Every match of `selector` carries an aria-role and a non-empty aria-label. */
export function expectAccessible(page: Mounted, selector: string): void {
  const nodes = page.queryAll(selector);
  expect(nodes.length).toBeGreaterThan(0);
  for (const node of nodes) {
    expect([selector, attributeOf(node, 'aria-role')]).toEqual([selector, expect.stringMatching(/\S/)]);
    expect([selector, attributeOf(node, 'aria-label')]).toEqual([selector, expect.stringMatching(/\S/)]);
  }
}
