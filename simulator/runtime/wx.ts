// The `wx` object the app's code sees. Every call is recorded in the host's call panel with its
// arguments and result. Callback style (success/fail/complete) and promise style both work, as in
// WeChat; an API the simulator does not provide fails with a clear errMsg instead of crashing.

import type { AppSession, HostCall, SentFile, SimulatorHost } from '../shared/host-api';
import { parseUrl } from '../shared/url';
import { SEND_RULES, isOneToOne, notifyTitleProblem, pathKind, type MessageApi } from '../../emulator/rules';
import { showActionSheet, showModal, showToast, hideToast } from './ui';
import { tapIsLive } from './tap';
import { USER_DATA_PATH, dataUrlBytes, mediaTypeOf, type TempFiles } from './temp-files';

type Callback = (result: Record<string, unknown>) => void;
type Options = Record<string, unknown> & { success?: Callback; fail?: Callback; complete?: Callback };
type Result = Record<string, unknown>;

export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly errno?: number,
  ) {
    super(message);
  }
}

export interface Navigation {
  navigateTo(url: string): Promise<void>;
  redirectTo(url: string): Promise<void>;
  navigateBack(delta: number): Promise<void>;
  reLaunch(url: string): Promise<void>;
  currentRoute(): string | null;
  setTitle(title: string): void;
  /** The page on top of the stack, as its methods see `this` (for wx.createSelectorQuery). */
  currentPage(): { createSelectorQuery(): unknown; createIntersectionObserver(options?: object): unknown } | null;
}

export interface WxDeps {
  host: SimulatorHost;
  session: AppSession;
  navigation: Navigation;
  /** Whether the page on top is a chat-tool page opened in a chat. */
  inChatTool(): boolean;
  /** Whether `route` belongs to the chat tool's subpackage. */
  isChatToolRoute(route: string): boolean;
  /** The phone's temporary files (wxfile://tmp_N), shared with the built-ins (snapshot). */
  tempFiles: TempFiles;
}

export const PHONE = { width: 375, height: 812, statusBarHeight: 44, pixelRatio: 3 };
/** WeChat's capsule button on a 375-wide phone. */
const MENU_BUTTON = { width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 };

/** What App's onLaunch/onShow and wx.getLaunchOptionsSync/getEnterOptionsSync receive: scene 1154 inside a chat. */
export function launchOptions(session: AppSession): Result {
  return { path: session.launch.path, query: session.launch.query, scene: session.chat ? 1154 : 1001 };
}

function withoutCallbacks(options: Options): Result {
  const args: Result = {};
  for (const [k, v] of Object.entries(options)) if (typeof v !== 'function') args[k] = v;
  return args;
}

/** The bytes a page writes (wx.getFileSystemManager().writeFile's data and encoding) as a data URL. */
function dataUrlOf(filePath: string, data: unknown, encoding: unknown): string {
  const type = mediaTypeOf(filePath);
  if (typeof data === 'string' && encoding === 'base64') return `data:${type};base64,${data}`;
  let bytes: Uint8Array;
  if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else if (typeof data === 'string') bytes = new TextEncoder().encode(data);
  else throw new ApiFailure('data must be a string or an ArrayBuffer');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

function describe(err: unknown): string {
  // The host's errors come from the parent window, whose Error and Object are not this frame's.
  if (typeof err === 'object' && err !== null && 'message' in err) return String(err.message);
  if (err && typeof err === 'object' && 'errMsg' in err) return String((err as { errMsg: unknown }).errMsg);
  return String(err);
}

export function createWx(deps: WxDeps): Record<string, unknown> {
  const { host, session, navigation, inChatTool, isChatToolRoute, tempFiles } = deps;
  const storagePrefix = `sim:${session.viewer.openid}:`;
  /** Canvases from wx.createOffscreenCanvas, which canvasToTempFilePath refuses as a phone does. */
  const offscreenCanvases = new WeakSet<object>();
  let shareMenu: Result | null = null;

  const log = (api: string, args: unknown, ok: boolean, result: unknown, started: number): void => {
    host.log({ api, args, ok, result, ms: Math.round(performance.now() - started) });
  };

  /**
   * An asynchronous API: callbacks when given, else a promise (unless WeChat documents "以 Promise 风格调用：不支持":
   * then, as on a phone, the result is lost); always logged. `tap`: whether a tap was live when the page called it.
   */
  const asyncApi =
    (
      name: string,
      impl: (o: Options, tap: boolean) => Promise<Result | void> | Result | void,
      style: { promise: boolean } = { promise: true },
    ) =>
    (options: Options = {}): Promise<Result> | undefined => {
      const started = performance.now();
      const tap = tapIsLive();
      const args = withoutCallbacks(options);
      const callbacks = Boolean(options.success || options.fail || options.complete);
      if (!style.promise && !callbacks) {
        host.log({
          api: name,
          args,
          ok: false,
          result: 'no Promise style in WeChat: without success/fail/complete the result is lost',
          ms: 0,
        });
      }
      const promise = (async () => {
        try {
          const value = (await impl(options, tap)) ?? {};
          const result = { ...value, errMsg: `${name}:ok` };
          log(name, args, true, result, started);
          options.success?.(result);
          options.complete?.(result);
          return result;
        } catch (err) {
          const failure: Result = { errMsg: `${name}:fail ${describe(err)}` };
          if (err instanceof ApiFailure && err.errno !== undefined) failure.errno = err.errno;
          log(name, args, false, failure, started);
          options.fail?.(failure);
          options.complete?.(failure);
          throw failure;
        }
      })();
      if (callbacks || !style.promise) {
        promise.catch(() => undefined);
        return undefined;
      }
      return promise;
    };

  const syncApi =
    <A extends unknown[], R>(name: string, impl: (...args: A) => R, quiet = false) =>
    (...args: A): R => {
      const started = performance.now();
      try {
        const result = impl(...args);
        if (!quiet) log(name, args, true, result, started);
        return result;
      } catch (err) {
        log(name, args, false, describe(err), started);
        throw err;
      }
    };

  const requireChatTool = (): void => {
    if (!inChatTool()) throw new ApiFailure('only available in chat-tool mode');
  };
  /** "仅在点击行为时调用" (docs/platform.md, "Tap-only APIs"): only while a tap is being handled (tap.ts). */
  const requireTap = (tap: boolean): void => {
    if (!tap) {
      throw new ApiFailure(
        'can only be called from a tap (仅在点击行为时调用): call it in the tap handler, before any awaited network call or timer',
      );
    }
  };
  const hostCall = (request: HostCall): Promise<unknown> => host.call(request);

  /**
   * wx.share{Image,Video,File,Emoji}ToGroup: the page's options go to WeChat (the emulator) with the content of the
   * files the phone holds; WeChat checks every rule (chat-tool mode, the tap, the paths, the entrance).
   */
  const messageSend = (name: MessageApi) =>
    asyncApi(name, async (o, tap) => {
      const options = withoutCallbacks(o);
      const files: Record<string, SentFile> = {};
      for (const field of SEND_RULES[name].files) {
        const path = options[field];
        if (typeof path !== 'string') continue;
        const kind = pathKind(path);
        const local = kind === 'local' ? tempFiles.read(path) : null;
        if (kind === 'local' && local === null) throw new ApiFailure(`no such file: ${path}`);
        if (local !== null) files[field] = { url: local, size: dataUrlBytes(local) };
        // A code-package file, which one reading of WeChat takes: served by the simulator from the project.
        else if (kind === 'package') files[field] = { url: `/${path.replace(/^\//, '')}`, size: 0 };
      }
      try {
        await hostCall({ api: 'send', send: name, options, files, chatTool: inChatTool(), tap });
      } catch (err) {
        // WeChat's errMsg names the API once: "shareImageToGroup:fail …".
        throw new ApiFailure(describe(err).replace(`${name}: `, ''));
      }
    });

  /** wx.getFileSystemManager().writeFile(Sync): user files only, under wx.env.USER_DATA_PATH, as on a phone. */
  const writeUserFile = (filePath: unknown, data: unknown, encoding: unknown): void => {
    if (typeof filePath !== 'string' || !filePath.startsWith(`${USER_DATA_PATH}/`)) {
      throw new ApiFailure(`permission denied, open ${String(filePath)}`);
    }
    tempFiles.write(filePath, dataUrlOf(filePath, data, encoding));
  };
  const fileSystemManager = {
    writeFileSync: syncApi('FileSystemManager.writeFileSync', writeUserFile),
    writeFile: asyncApi('FileSystemManager.writeFile', (o) => writeUserFile(o.filePath, o.data, o.encoding)),
  };

  /** Whether opening `url` (absolute, or relative to the page on top as the router resolves it) leaves the chat tool. */
  const leavesChatTool = (url: string): boolean =>
    inChatTool() && !isChatToolRoute(parseUrl(url, navigation.currentRoute()).route);
  const checkLeavingChatTool = (url: string): void => {
    if (leavesChatTool(url)) {
      throw new ApiFailure('cannot open a page outside the chat-tool subpackage in chat-tool mode');
    }
  };

  /** reLaunch and switchTab: a page outside the chat tool leaves chat-tool mode (docs/platform.md#chat-tool-mode). */
  const relaunch = async (url: string): Promise<void> => {
    if (leavesChatTool(url)) await hostCall({ api: 'exitChatTool' });
    else await navigation.reLaunch(url);
  };

  /** What the host can show for an image path: a temporary file's data, a URL, or a code-package file by its path. */
  const imageSource = (path: string): string => {
    if (/^(data:|https?:)/.test(path)) return path;
    return tempFiles.read(path) ?? `/${parseUrl(path, navigation.currentRoute()).route}`;
  };

  const appBaseInfo = (): Result => ({
    SDKVersion: '3.7.12',
    language: session.language,
    version: '8.0.56',
    theme: session.theme,
    enableDebug: false,
    host: { appId: '' },
  });
  const windowInfo = (): Result => ({
    pixelRatio: PHONE.pixelRatio,
    screenWidth: PHONE.width,
    screenHeight: PHONE.height,
    windowWidth: window.innerWidth,
    windowHeight: window.innerHeight,
    statusBarHeight: PHONE.statusBarHeight,
    safeArea: {
      left: 0,
      right: PHONE.width,
      top: PHONE.statusBarHeight,
      bottom: PHONE.height - 34,
      width: PHONE.width,
      height: PHONE.height - PHONE.statusBarHeight - 34,
    },
    screenTop: 0,
  });
  const deviceInfo = (): Result => ({
    brand: 'simulator',
    model: 'Simulated phone',
    system: 'iOS 17.0',
    platform: 'devtools',
    benchmarkLevel: 1,
  });
  const systemInfo = (): Result => ({ ...appBaseInfo(), ...windowInfo(), ...deviceInfo() });

  const storage = {
    keys: (): string[] =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith(storagePrefix))
        .map((k) => k.slice(storagePrefix.length)),
    get: (key: string): unknown => {
      const raw = localStorage.getItem(storagePrefix + key);
      return raw === null ? '' : (JSON.parse(raw) as unknown);
    },
    set: (key: string, value: unknown): void => localStorage.setItem(storagePrefix + key, JSON.stringify(value)),
    remove: (key: string): void => localStorage.removeItem(storagePrefix + key),
  };

  const cloud = {
    init: syncApi('cloud.init', (_options?: unknown) => undefined),
    callFunction: asyncApi('cloud.callFunction', async (o) => {
      const name = String(o.name ?? '');
      const result = await hostCall({ api: 'callFunction', name, data: o.data ?? {} });
      return { result, requestID: `sim-${Date.now()}` };
    }),
    CloudID: (cloudID: string) => ({ cloudID }),
  };

  const wx: Record<string, unknown> = {
    cloud,
    env: { USER_DATA_PATH },
    getFileSystemManager: () => fileSystemManager,
    nextTick: (callback: () => void) => {
      void Promise.resolve().then(callback);
    },
    canIUse: (schema: string) => String(schema).split('.')[0]! in wx,
    createSelectorQuery: syncApi(
      'createSelectorQuery',
      () => {
        const page = navigation.currentPage();
        if (!page) throw new ApiFailure('no page is open');
        return page.createSelectorQuery();
      },
      true,
    ),
    createIntersectionObserver: syncApi(
      'createIntersectionObserver',
      (component: { createIntersectionObserver?: (o?: object) => unknown } | undefined, options?: object) => {
        if (component && typeof component.createIntersectionObserver === 'function') {
          return component.createIntersectionObserver(options);
        }
        const page = navigation.currentPage();
        if (!page) throw new ApiFailure('no page is open');
        return page.createIntersectionObserver(options);
      },
      true,
    ),
    getApiCategory: syncApi('getApiCategory', () => (inChatTool() ? 'chatTool' : 'default')),
    isChatTool: syncApi('isChatTool', () => inChatTool()),
    getAppBaseInfo: syncApi('getAppBaseInfo', appBaseInfo, true),
    getWindowInfo: syncApi('getWindowInfo', windowInfo, true),
    getDeviceInfo: syncApi('getDeviceInfo', deviceInfo, true),
    getSystemSetting: syncApi(
      'getSystemSetting',
      () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
      true,
    ),
    getSystemInfoSync: syncApi('getSystemInfoSync', systemInfo, true),
    getSystemInfo: asyncApi('getSystemInfo', systemInfo),
    getMenuButtonBoundingClientRect: syncApi('getMenuButtonBoundingClientRect', () => ({ ...MENU_BUTTON }), true),
    getAccountInfoSync: syncApi('getAccountInfoSync', () => ({
      miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' },
    })),
    getLaunchOptionsSync: syncApi('getLaunchOptionsSync', () => launchOptions(session)),
    getEnterOptionsSync: syncApi('getEnterOptionsSync', () => launchOptions(session)),

    setStorageSync: syncApi('setStorageSync', (key: string, value: unknown) => storage.set(key, value)),
    getStorageSync: syncApi('getStorageSync', (key: string) => storage.get(key)),
    removeStorageSync: syncApi('removeStorageSync', (key: string) => storage.remove(key)),
    clearStorageSync: syncApi('clearStorageSync', () => storage.keys().forEach(storage.remove)),
    getStorageInfoSync: syncApi('getStorageInfoSync', () => ({
      keys: storage.keys(),
      currentSize: 0,
      limitSize: 10240,
    })),
    setStorage: asyncApi('setStorage', (o) => {
      storage.set(String(o.key), o.data);
    }),
    getStorage: asyncApi('getStorage', (o) => {
      const key = String(o.key);
      if (!storage.keys().includes(key)) throw new ApiFailure('data not found');
      return { data: storage.get(key) };
    }),
    removeStorage: asyncApi('removeStorage', (o) => {
      storage.remove(String(o.key));
    }),
    clearStorage: asyncApi('clearStorage', () => {
      storage.keys().forEach(storage.remove);
    }),

    showToast: asyncApi('showToast', (o) => {
      const icon = o.icon === 'none' || o.icon === 'error' || o.icon === 'loading' ? o.icon : 'success';
      showToast({ title: String(o.title ?? ''), icon, duration: Number(o.duration ?? 1500), mask: o.mask === true });
    }),
    hideToast: asyncApi('hideToast', () => hideToast()),
    showLoading: asyncApi('showLoading', (o) => {
      showToast({ title: String(o.title ?? ''), icon: 'loading', duration: 0, mask: o.mask === true });
    }),
    hideLoading: asyncApi('hideLoading', () => hideToast()),
    showModal: asyncApi('showModal', async (o) =>
      showModal({
        title: String(o.title ?? ''),
        content: String(o.content ?? ''),
        showCancel: o.showCancel !== false,
        cancelText: String(o.cancelText ?? '取消'),
        confirmText: String(o.confirmText ?? '确定'),
        editable: o.editable === true,
        placeholderText: String(o.placeholderText ?? ''),
      }),
    ),
    showActionSheet: asyncApi('showActionSheet', async (o) => {
      const index = await showActionSheet((o.itemList as string[]) ?? [], String(o.alertText ?? ''));
      if (index === null) throw new ApiFailure('cancel');
      return { tapIndex: index };
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', (o) => navigation.setTitle(String(o.title ?? ''))),
    setNavigationBarColor: asyncApi('setNavigationBarColor', () => undefined),
    vibrateShort: asyncApi('vibrateShort', () => undefined),
    showShareMenu: asyncApi('showShareMenu', () => undefined),
    hideShareMenu: asyncApi('hideShareMenu', () => undefined),

    navigateTo: asyncApi('navigateTo', async (o) => {
      checkLeavingChatTool(String(o.url));
      await navigation.navigateTo(String(o.url));
    }),
    redirectTo: asyncApi('redirectTo', async (o) => {
      checkLeavingChatTool(String(o.url));
      await navigation.redirectTo(String(o.url));
    }),
    navigateBack: asyncApi('navigateBack', async (o) => navigation.navigateBack(Number(o.delta ?? 1))),
    reLaunch: asyncApi('reLaunch', (o) => relaunch(String(o.url))),
    switchTab: asyncApi('switchTab', (o) => relaunch(String(o.url))),

    createOffscreenCanvas: syncApi('createOffscreenCanvas', (o: { width?: number; height?: number }) => {
      const canvas = document.createElement('canvas');
      canvas.width = o.width ?? 300;
      canvas.height = o.height ?? 150;
      offscreenCanvases.add(canvas);
      return canvas;
    }),
    canvasToTempFilePath: asyncApi('canvasToTempFilePath', (o) => {
      // "canvas 组件实例 (canvas type=2d)… 暂不支持离屏 canvas" (docs/platform.md, "What a phone refuses that a browser allows").
      if (typeof o.canvas === 'object' && o.canvas !== null && offscreenCanvases.has(o.canvas)) {
        throw new ApiFailure(
          'offscreen canvas is not supported (暂不支持离屏 canvas): render in <snapshot> and use takeSnapshot',
        );
      }
      throw new ApiFailure(
        'canvas must be a <canvas type="2d"> component instance, which the simulator does not provide',
      );
    }),

    openChatTool: asyncApi('openChatTool', async (o) => {
      if (typeof o.url !== 'string' || o.url === '') throw new ApiFailure('url is required');
      // url is a page of the chat-tool subpackage (docs/platform.md#openchattool).
      if (!isChatToolRoute(parseUrl(o.url, navigation.currentRoute()).route)) {
        throw new ApiFailure('url must be a page of the chat-tool subpackage');
      }
      if (o.roomid !== undefined && o.chatType === undefined) throw new ApiFailure('chatType is required with roomid');
      await hostCall({
        api: 'openChatTool',
        url: o.url,
        roomid: o.roomid as string | undefined,
        chatType: o.chatType as number | undefined,
      });
    }),
    exitChatTool: asyncApi('exitChatTool', async () => {
      requireChatTool();
      await hostCall({ api: 'exitChatTool' });
    }),
    getChatToolInfo: asyncApi('getChatToolInfo', async () => {
      requireChatTool();
      return (await hostCall({ api: 'getChatToolInfo' })) as Result;
    }),
    // docs/platform.md, "getGroupEnterInfo": only when opened from a chat (40097 场景错误 otherwise); a one-to-one chat
    // only with allowSingleChat. No Promise style.
    getGroupEnterInfo: asyncApi(
      'getGroupEnterInfo',
      async (o) => {
        if (session.chat === null) throw new ApiFailure('场景错误: not opened from a chat', 40097);
        if (isOneToOne(session.chat.chatType) && o.allowSingleChat !== true) {
          throw new ApiFailure('场景错误: opened from a one-to-one chat without allowSingleChat: true', 40097);
        }
        return (await hostCall({ api: 'getChatToolInfo' })) as Result;
      },
      { promise: false },
    ),
    selectGroupMembers: asyncApi('selectGroupMembers', async (o) => {
      requireChatTool();
      const max = typeof o.maxSelectCount === 'number' ? o.maxSelectCount : undefined;
      const members = await hostCall({ api: 'selectGroupMembers', maxSelectCount: max });
      return { members };
    }),
    notifyGroupMembers: asyncApi('notifyGroupMembers', async (o, tap) => {
      requireChatTool();
      requireTap(tap);
      const title = String(o.title ?? '');
      const problem = notifyTitleProblem(title);
      if (problem) throw new ApiFailure(`invalid title: ${problem}`);
      const members = Array.isArray(o.members) ? o.members.map(String) : [];
      if (members.length === 0) throw new ApiFailure('members is required');
      if (typeof o.entrancePath !== 'string' || o.entrancePath === '') throw new ApiFailure('entrancePath is required');
      const type = o.type === 'participate' ? 'participate' : 'complete';
      await hostCall({ api: 'notifyGroupMembers', title, members, entrancePath: o.entrancePath, type });
    }),
    updateShareMenu: asyncApi('updateShareMenu', (o) => {
      shareMenu = withoutCallbacks(o);
    }),
    shareAppMessageToGroup: asyncApi('shareAppMessageToGroup', async (o, tap) => {
      const path = typeof o.path === 'string' && o.path !== '' ? o.path : `/${navigation.currentRoute() ?? ''}`;
      // The card's own picture (5:4); without it WeChat uses a screenshot of the page (docs/platform.md,
      // "shareAppMessageToGroup"). A temporary file is passed on as its data.
      const imageUrl = typeof o.imageUrl === 'string' && o.imageUrl !== '' ? imageSource(o.imageUrl) : undefined;
      if (shareMenu?.useForChatTool !== true) {
        // No dynamic card declared: a plain mini program card, checked by WeChat like the other sends.
        const files: Record<string, SentFile> = imageUrl === undefined ? {} : { imageUrl: { url: imageUrl, size: 0 } };
        const options = { ...withoutCallbacks(o), path };
        await hostCall({ api: 'send', send: 'shareAppMessageToGroup', options, files, chatTool: inChatTool(), tap });
        return;
      }
      requireChatTool();
      if (typeof o.title !== 'string' || o.title === '') throw new ApiFailure('title is required');
      if (!path.startsWith('/')) throw new ApiFailure('path must be a full path starting with /');
      await hostCall({ api: 'shareAppMessageToGroup', menu: shareMenu, title: o.title, path, imageUrl });
    }),
    shareImageToGroup: messageSend('shareImageToGroup'),
    shareVideoToGroup: messageSend('shareVideoToGroup'),
    shareFileToGroup: messageSend('shareFileToGroup'),
    shareEmojiToGroup: messageSend('shareEmojiToGroup'),
  };

  // An API the simulator lacks fails loudly in the call panel instead of crashing the page.
  return new Proxy(wx, {
    get(target, prop: string | symbol) {
      if (typeof prop !== 'string' || prop in target) return target[prop as string];
      if (prop === 'then' || prop === 'toJSON') return undefined;
      // Event subscriptions (wx.onThemeChange, wx.offAppShow, …): nothing is ever emitted here.
      if (/^(on|off)[A-Z]/.test(prop)) {
        return () => {
          host.log({ api: prop, args: {}, ok: true, result: 'accepted; the simulator never emits this event', ms: 0 });
        };
      }
      return (options: Options = {}) => {
        const failure = { errMsg: `${prop}:fail not supported by the simulator` };
        host.log({ api: prop, args: withoutCallbacks(options ?? {}), ok: false, result: failure, ms: 0 });
        console.warn(`[simulator] wx.${prop} is not supported`);
        options?.fail?.(failure);
        options?.complete?.(failure);
        return options?.success || options?.fail ? undefined : Promise.reject(failure);
      };
    },
  });
}
