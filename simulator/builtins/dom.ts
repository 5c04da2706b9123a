// Helpers to reach the DOM behind glass-easel nodes from inside built-in components.

import type { glassEasel } from 'glass-easel-miniprogram-adapter';

export function hostElement(comp: glassEasel.GeneralComponent): HTMLElement {
  return comp.getBackendElement() as unknown as HTMLElement;
}

/** The native element with `id` in the component's own template. */
export function innerElement<T extends HTMLElement>(comp: glassEasel.GeneralComponent, id: string): T {
  const node = comp.getShadowRoot()?.getElementById(id);
  if (!node) throw new Error(`built-in ${comp.is}: no #${id} in its template`);
  return node.getBackendElement() as unknown as T;
}

export function setFlag(el: HTMLElement, name: string, on: boolean): void {
  if (on) el.setAttribute(name, '');
  else el.removeAttribute(name);
}
