// Boots the project's mini program inside the phone frame: glass-easel with the miniprogram
// adapter on the DOM backend, the built-ins, every compiled component, `wx`, App/getApp/
// getCurrentPages, and the page stack. The host page (parent window) supplies who is viewing.

import * as generated from 'simulator:registry';
import { MiniProgramEnv, glassEasel, type CodeSpace } from 'glass-easel-miniprogram-adapter';
import { registerBuiltins } from '../builtins';
import type { BuiltinServices } from '../builtins/services';
import { BUILTIN_CSS, skylineCss } from '../builtins/style';
import type { Registry } from '../shared/registry';
import type { AppSession, SimulatorHost } from '../shared/host-api';
import { parseUrl } from '../shared/url';
import { Router, type PageInstance } from './router';
import { trackTaps } from './tap';
import { createTempFiles } from './temp-files';
import { showPicker, showRuntimeError, SYSTEM_UI_CSS } from './ui';
import { createWx, launchOptions, PHONE, type Navigation } from './wx';
import { FRAME_CSS, NavigationBar } from './frame';

const registry = generated as unknown as Registry;

type AppDefinition = Record<string, unknown>;

function errorText(where: string, error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${where}: ${detail}`;
}

function addStyle(css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}

function packageOf(route: string) {
  return registry.subpackages.find((s) => route.startsWith(`${s.root}/`)) ?? null;
}

function defineComponents(codeSpace: CodeSpace, report: (where: string, err: unknown) => void): void {
  for (const c of registry.components) {
    codeSpace.addComponentStaticConfig(c.path, c.config);
    if (c.hasTemplate) {
      codeSpace.addCompiledTemplate(c.path, {
        groupList: registry.templates,
        content: registry.templates[c.path],
      } as glassEasel.template.ComponentTemplate);
    }
    codeSpace.addStyleSheet(c.path, c.hasStyle ? c.path : undefined, c.scope);
  }
  for (const c of registry.components) {
    try {
      codeSpace.componentEnv(c.path, (constructors) => runScript(codeSpace, c, constructors));
    } catch (err) {
      report(`loading ${c.path}`, err);
    }
  }
}

const SCRIPT_ISOLATIONS = ['isolated', 'apply-shared'] as const;

type Constructors = Parameters<Parameters<CodeSpace['componentEnv']>[1]>[0];

/**
 * Runs a component's script with Page/Component/Behavior bound to it. WeChat also takes the isolation from the
 * script's `options` (`styleIsolation`, or `addGlobalClass: true` for apply-shared) when the JSON says nothing
 * (docs/platform.md, "Style isolation"); the adapter reads only the JSON, so it is copied there before the
 * component registers. Only the isolations whose rules the build scoped alike (isolated, apply-shared) can be.
 */
function runScript(codeSpace: CodeSpace, c: Registry['components'][number], constructors: Constructors): void {
  const globals = window as unknown as Record<string, unknown>;
  const saved = { Page: globals.Page, Component: globals.Component, Behavior: globals.Behavior };
  const { Component } = constructors;
  globals.Page = constructors.Page;
  globals.Behavior = constructors.Behavior;
  globals.Component = (definition?: { options?: { styleIsolation?: unknown; addGlobalClass?: unknown } }) => {
    if (definition === undefined) return Component();
    const options = definition.options ?? {};
    const named = typeof options.styleIsolation === 'string' ? options.styleIsolation : undefined;
    const chosen =
      named === undefined && options.addGlobalClass === true
        ? 'apply-shared'
        : SCRIPT_ISOLATIONS.find((isolation) => isolation === named);
    if (c.scriptIsolation && chosen !== undefined) {
      // The adapter's StyleIsolation is a const enum of these same strings.
      codeSpace.addComponentStaticConfig(c.path, { ...c.config, styleIsolation: chosen as never });
    }
    return Component(definition as Parameters<typeof Component>[0]);
  };
  try {
    c.load();
  } finally {
    Object.assign(globals, saved);
  }
}

function boot(host: SimulatorHost): void {
  const session: AppSession = host.session();
  const report = (where: string, err: unknown): void => {
    const text = errorText(where, err);
    console.error(`[simulator] ${text}`);
    showRuntimeError(text);
    host.reportRuntimeError(text);
  };
  window.addEventListener('error', (ev) => report('uncaught error', ev.error ?? ev.message));
  window.addEventListener('unhandledrejection', (ev) => report('unhandled rejection', ev.reason));
  glassEasel.addGlobalErrorListener((err, method, component) => {
    const where = typeof component === 'string' ? component : (component?.is ?? 'component');
    report(`${where}${method ? ` ${method}` : ''}`, err);
    return false;
  });

  addStyle(FRAME_CSS + BUILTIN_CSS + skylineCss(registry.skyline) + SYSTEM_UI_CSS);
  for (const warning of registry.warnings) console.warn(`[simulator] template warning: ${warning}`);
  document.documentElement.dataset.theme = session.theme;
  trackTaps(window);
  const tempFiles = createTempFiles();
  const nav = new NavigationBar(document.body, () => callWx('navigateBack', {}));
  const pagesEl = document.createElement('main');
  pagesEl.className = 'pages';
  document.body.appendChild(pagesEl);

  let router: Router | null = null;
  // Failures are already in the call panel; the built-ins and the back button just move on.
  const callWx = (name: string, options: object): void => {
    const result = (wxApi[name] as (o: object) => unknown)(options);
    if (result instanceof Promise) result.catch(() => undefined);
  };
  const currentRoute = (): string | null => router?.top()?.route ?? null;
  const chatToolRoot = registry.chatTool?.root ?? null;
  const isChatToolRoute = (route: string): boolean => chatToolRoot !== null && route.startsWith(`${chatToolRoot}/`);
  const inChatTool = (): boolean => {
    const route = currentRoute();
    return session.chat !== null && route !== null && isChatToolRoute(route);
  };

  const services: BuiltinServices = {
    chatToolMode: inChatTool,
    directory: () => session.directory,
    note: (api, args, ok, result) => host.log({ api, args, ok, result, ms: 0 }),
    pick: showPicker,
    navigate: (openType, url, delta) => {
      if (openType === 'navigateBack') callWx('navigateBack', { delta });
      else if (openType === 'redirect') callWx('redirectTo', { url });
      else if (openType === 'reLaunch') callWx('reLaunch', { url });
      else callWx('navigateTo', { url });
    },
    shareFromPage: () => {
      const top = router?.top();
      if (!top) return null;
      const hook = glassEasel.Component.getMethod(top.component, 'onShareAppMessage');
      return hook ? (hook as (o: object) => unknown).call(top.component.getMethodCaller(), { from: 'button' }) : null;
    },
    pixelRatio: PHONE.pixelRatio,
    saveTempFile: (dataUrl, extension) => tempFiles.save(dataUrl, extension),
    readTempFile: (path) => tempFiles.read(path),
  };

  const env = new MiniProgramEnv();
  const builtins = registerBuiltins(env.getGlobalCodeSpace(), registry.templates, services);
  const codeSpace = env.createCodeSpace('', true);
  for (const [tag, def] of builtins.definitions) codeSpace.getComponentSpace().setGlobalUsingComponent(tag, def);
  const backend = new glassEasel.CurrentWindowBackendContext();
  backend.onEvent(glassEasel.triggerEvent);
  const ab = env.associateBackend(backend);
  for (const [path, css] of Object.entries(registry.styles)) ab.registerStyleSheetContent(path, css);
  if (registry.styles.app !== undefined) codeSpace.addStyleSheet('app', 'app');

  const pageRoutes = new Set(registry.pages);
  const configOf = (route: string): Record<string, unknown> =>
    registry.components.find((c) => c.path === route)?.config ?? {};
  const titleOf = (route: string): string =>
    String(configOf(route).navigationBarTitleText ?? registry.window.navigationBarTitleText ?? '');
  const customNav = (route: string): boolean =>
    (configOf(route).navigationStyle ?? registry.window.navigationStyle) === 'custom';
  let nextPageId = 1;
  router = new Router({
    isPage: (route) => pageRoutes.has(route),
    createPage: (route, query): PageInstance => {
      const container = document.createElement('section');
      container.className = 'page';
      container.hidden = true;
      const placeholder = document.createElement('span');
      container.appendChild(placeholder);
      pagesEl.appendChild(container);
      const root = ab.createRoot('wx-page', codeSpace, route);
      root.attach(
        container as unknown as glassEasel.GeneralBackendElement,
        placeholder as unknown as glassEasel.GeneralBackendElement,
      );
      const component = root.getComponent();
      const el = component.getBackendElement() as unknown as HTMLElement;
      el.dataset.route = route;
      el.dataset.renderer = packageOf(route)?.renderer ?? 'webview';
      Object.assign(component.getMethodCaller(), { route, options: query });
      return {
        id: nextPageId++,
        route,
        query,
        component,
        destroy: () => {
          root.release();
          container.remove();
        },
        setVisible: (visible) => {
          container.hidden = !visible;
        },
      };
    },
    reportError: report,
    changed: (top) => {
      if (!top) return;
      const depth = router?.pages().length ?? 1;
      const custom = customNav(top.route);
      nav.show({ title: titleOf(top.route), canGoBack: depth > 1, custom });
      document.body.classList.toggle('custom-nav', custom);
      host.routeChanged(top.route, top.query);
    },
  });
  // WeChat switches pages after the calling code returns (a page may navigate inside its own onLoad).
  const later = (action: () => void): Promise<void> =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          action();
          resolve();
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }, 0),
    );
  const navigation = {
    navigateTo: (url: string) => later(() => router!.navigateTo(parseUrl(url, currentRoute()))),
    redirectTo: (url: string) => later(() => router!.redirectTo(parseUrl(url, currentRoute()))),
    navigateBack: (delta: number) => later(() => router!.navigateBack(delta)),
    reLaunch: (url: string) => later(() => router!.reLaunch(parseUrl(url, currentRoute()))),
    currentRoute,
    setTitle: (title: string) => nav.setTitle(title),
    currentPage: () =>
      (router!.top()?.component.getMethodCaller() as unknown as ReturnType<Navigation['currentPage']>) ?? null,
  };
  const wxApi = createWx({ host, session, navigation, inChatTool, isChatToolRoute, tempFiles });
  // Another platform's client (WeCom's wx.qy, its wx.request) comes from the host page that plays that platform.
  Object.assign(wxApi, host.platformApis?.() ?? {});

  let app: AppDefinition = {};
  const globals = window as unknown as Record<string, unknown>;
  globals.wx = wxApi;
  globals.App = (definition: AppDefinition) => {
    app = definition;
  };
  globals.getApp = () => app;
  globals.getCurrentPages = () => router!.pages().map((p) => p.component.getMethodCaller());

  // An independent subpackage starts without app.ts; it runs its own entry file instead.
  const launchPackage = packageOf(session.launch.path);
  try {
    if (launchPackage?.independent) launchPackage.loadEntry?.();
    else {
      registry.loadApp?.();
      if (launchPackage) launchPackage.loadEntry?.();
    }
    const options = launchOptions(session);
    for (const hook of ['onLaunch', 'onShow']) {
      const fn = app[hook];
      if (typeof fn === 'function') fn.call(app, options);
    }
  } catch (err) {
    report('app start', err);
  }
  defineComponents(codeSpace, report);
  try {
    router.reLaunch({ route: session.launch.path, query: session.launch.query });
  } catch (err) {
    report(`opening ${session.launch.path}`, err);
  }
  host.ready();
}

function start(): void {
  const host = window.parent !== window ? window.parent.simulatorHost : undefined;
  if (!host) {
    document.body.textContent = 'This frame runs inside the simulator page: open the address `npm start` printed.';
    return;
  }
  boot(host);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
