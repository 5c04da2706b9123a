// The page stack and page lifetimes, as WeChat drives them: glass-easel's adapter creates pages
// but never calls onLoad/onShow/... and has no router, so this is the host of both.

import { glassEasel } from 'glass-easel-miniprogram-adapter';
import type { ParsedUrl } from '../shared/url';

export interface PageInstance {
  id: number;
  route: string;
  query: Record<string, string>;
  component: glassEasel.GeneralComponent;
  /** Removes the page from the screen and releases it. */
  destroy(): void;
  setVisible(visible: boolean): void;
}

export type Lifetime = 'load' | 'show' | 'ready' | 'hide' | 'unload';

const HOOK: Record<Lifetime, string> = {
  load: 'onLoad',
  show: 'onShow',
  ready: 'onReady',
  hide: 'onHide',
  unload: 'onUnload',
};

export interface RouterPorts {
  isPage(route: string): boolean;
  /** Creates and attaches the page (hidden until shown). */
  createPage(route: string, query: Record<string, string>): PageInstance;
  /** Reports an exception thrown by a page hook (the page keeps running, as in WeChat). */
  reportError(where: string, error: unknown): void;
  changed(top: PageInstance | null): void;
}

export class Router {
  private readonly stack: PageInstance[] = [];

  constructor(private readonly ports: RouterPorts) {}

  pages(): readonly PageInstance[] {
    return this.stack;
  }

  top(): PageInstance | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  /** Calls `onX` (Page or Component method) and the components' pageLifetimes. */
  lifetime(page: PageInstance, lifetime: Lifetime, args: unknown[] = []): void {
    const comp = page.component;
    const hook = glassEasel.Component.getMethod(comp, HOOK[lifetime]);
    try {
      if (hook) {
        const result = (hook as (...a: unknown[]) => unknown).apply(comp.getMethodCaller(), args);
        if (result instanceof Promise)
          result.catch((err: unknown) => this.ports.reportError(`${page.route} ${HOOK[lifetime]}`, err));
      }
      comp.triggerPageLifetime(lifetime, args);
    } catch (err) {
      this.ports.reportError(`${page.route} ${HOOK[lifetime]}`, err);
    }
  }

  private check(url: ParsedUrl): void {
    if (!this.ports.isPage(url.route)) throw new Error(`page "${url.route}" is not found`);
  }

  private open(url: ParsedUrl): PageInstance {
    const page = this.ports.createPage(url.route, url.query);
    this.stack.push(page);
    page.setVisible(true);
    this.lifetime(page, 'load', [url.query]);
    if (this.top() !== page) return page;
    this.lifetime(page, 'show');
    // WeChat fires onReady after the first render.
    requestAnimationFrame(() => {
      if (this.stack.includes(page)) this.lifetime(page, 'ready');
    });
    this.ports.changed(page);
    return page;
  }

  private close(page: PageInstance): void {
    this.lifetime(page, 'unload');
    page.destroy();
  }

  navigateTo(url: ParsedUrl): void {
    this.check(url);
    const current = this.top();
    if (current) {
      this.lifetime(current, 'hide');
      current.setVisible(false);
    }
    this.open(url);
  }

  redirectTo(url: ParsedUrl): void {
    this.check(url);
    const current = this.stack.pop();
    if (current) this.close(current);
    this.open(url);
  }

  reLaunch(url: ParsedUrl): void {
    this.check(url);
    while (this.stack.length > 0) this.close(this.stack.pop()!);
    this.open(url);
  }

  navigateBack(delta: number): void {
    const count = Math.min(Math.max(1, delta), this.stack.length - 1);
    if (count <= 0) throw new Error('cannot navigate back at the first page');
    for (let i = 0; i < count; i += 1) this.close(this.stack.pop()!);
    const top = this.top()!;
    top.setVisible(true);
    this.lifetime(top, 'show');
    this.ports.changed(top);
  }
}
