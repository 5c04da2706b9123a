// The only place a chat tool touches `wx`. Pages and services depend on the `WeChat` interface; tests and the
// simulator replace it with `useWeChat`. It knows nothing of what the tool does: what to post comes from the tool.

import type { EnvVersion } from '../core/chat';
import type { CardShare, Reminder, SendApi, SendOptions } from '../core/share';

export interface ChatToolInfo {
  /** Resolved by the cloud function with cloud.getOpenData; valid 5 minutes, only for this user. */
  cloudID: string;
}

export interface ModalOptions {
  title: string;
  content: string;
  confirmText?: string;
  cancelText?: string;
}

/** What the custom navigation bar needs to line up with the status bar and WeChat's capsule button. */
export interface WindowMetrics {
  statusBarHeight: number;
  /** The capsule (menu) button; null where WeChat shows none. */
  menuButton: { top: number; height: number } | null;
}

/** Where a page's elements are found: the page or component itself (`this`), as its selector query sees them. */
export interface SelectorScope {
  createSelectorQuery(): WechatMiniprogram.SelectorQuery;
}

/** Skyline paints a subtree on its next frame; the official demo waits 20 ms after setData before takeSnapshot. */
const SNAPSHOT_SETTLE_MS = 20;

/**
 * NOT_IN_CHAT_TOOL: the page does not run in a chat tool; MISSING_FIELD: a field WeChat requires is empty;
 * WEB_ADDRESS: a file field names a web address, not a file on the phone; CANCELLED: the user cancelled;
 * PLATFORM: WeChat refused (errMsg says why, e.g. a call outside a tap).
 */
export type SendFailure = 'NOT_IN_CHAT_TOOL' | 'MISSING_FIELD' | 'WEB_ADDRESS' | 'CANCELLED' | 'PLATFORM';

export class SendError extends Error {
  declare readonly api: SendApi;
  declare readonly code: SendFailure;
  /** The field at fault, or WeChat's errMsg. */
  declare readonly detail: string;

  constructor(api: SendApi, code: SendFailure, detail = '') {
    super(`${api}: ${code} ${detail}`);
    // Assigned, not declared as fields: no class-field helper in the packed kit.
    Object.assign(this, { name: 'SendError', api, code, detail });
  }
}

/**
 * Calls wx[api] with `options` as they are (WeChat applies its own defaults), WeChat's refusal made a SendError.
 * The wx call is the first thing awaited, so a call made in a tap's handler stays within the tap.
 */
async function sendWith<A extends SendApi>(wx: WechatMiniprogram.Wx, api: A, options: SendOptions[A]) {
  try {
    await (wx[api] as (option: SendOptions[A]) => Promise<unknown>)(options);
  } catch (error) {
    const errMsg = String((error as { errMsg?: unknown } | null)?.errMsg ?? error);
    throw new SendError(api, /:fail cancel/.test(errMsg) ? 'CANCELLED' : 'PLATFORM', errMsg);
  }
}

export interface WeChat {
  /** 'chatTool' when the page runs inside a chat tool. */
  apiCategory(): ApiCategory;
  chatToolInfo(): Promise<ChatToolInfo>;
  /** group_openids of the members the user picked (in a 1:1 chat WeChat returns without a picker). */
  selectGroupMembers(): Promise<string[]>;
  /**
   * Declares the dynamic card (updateShareMenu) and posts it to the chat (shareAppMessageToGroup). `imageUrl` is
   * the card's picture, 5:4, inside the tool's subpackage: without it WeChat shows a screenshot of the page that
   * posted the card (docs/platform.md, "shareAppMessageToGroup").
   */
  publishCard(share: CardShare, imageUrl: string): Promise<void>;
  /** "@A @B 请完成：title"; WeChat only allows it from a tap. */
  remind(reminder: Reminder): Promise<void>;
  /** Posts an image into the chat with an entrance back to the tool; WeChat only allows it from a tap. */
  shareImage(imagePath: string, entrancePath: string): Promise<void>;
  /**
   * One of the six sends into the chat, passed to wx[api] as given; rejects with a SendError (CANCELLED, PLATFORM).
   * Pages call the wrappers of kit/client/sends.ts, which check the options first (kit/core/share.ts, SENDS).
   */
  send<A extends SendApi>(api: A, options: SendOptions[A]): Promise<void>;
  /**
   * Exports the Skyline `<snapshot>` element `selector` of `scope` as a PNG and returns its temporary file
   * (an offscreen canvas cannot be exported on a phone: docs/platform.md, "snapshot").
   */
  snapshot(scope: SelectorScope, selector: string): Promise<string>;
  windowMetrics(): WindowMetrics;
  callFunction(name: string, data: object): Promise<unknown>;
  /** Which build runs (develop, trial, release): the card's system-message links open the same one. */
  envVersion(): EnvVersion;
  /** The system language, e.g. 'zh_CN' or 'en'. */
  language(): string;
  toast(title: string, icon?: 'success' | 'none'): Promise<void>;
  /** Resolves true when the user confirmed. */
  confirm(options: ModalOptions): Promise<boolean>;
  navigateTo(url: string): Promise<void>;
  redirectTo(url: string): Promise<void>;
  navigateBack(): Promise<void>;
}

const API_CATEGORIES: readonly ApiCategory[] = [
  'default',
  'nativeFunctionalized',
  'browseOnly',
  'embedded',
  'chatTool',
];

/** getApiCategory() is typed as plain string; values WeChat may add later count as 'default'. */
export function apiCategoryOf(value: string): ApiCategory {
  return API_CATEGORIES.find((category) => category === value) ?? 'default';
}

export function createWeChat(api: WechatMiniprogram.Wx): WeChat {
  const send = <A extends SendApi>(name: A, options: SendOptions[A]) => sendWith(api, name, options);
  return {
    apiCategory: () => apiCategoryOf(api.getApiCategory()),
    chatToolInfo: async () => {
      const { cloudID } = await api.getChatToolInfo({});
      return { cloudID };
    },
    selectGroupMembers: async () => {
      const { members } = await api.selectGroupMembers({});
      return members;
    },
    publishCard: async (share, imageUrl) => {
      await api.updateShareMenu({
        withShareTicket: true,
        isUpdatableMessage: true,
        activityId: share.activityId,
        useForChatTool: true,
        chooseType: share.chooseType,
        participant: share.participant,
        // Chat-tool cards take only templateId (typings/chat-tool.d.ts: ChatToolShareMenuOption).
        templateInfo: { templateId: share.templateId },
      });
      await send('shareAppMessageToGroup', { title: share.title, path: share.path, imageUrl });
    },
    remind: (reminder) => send('notifyGroupMembers', reminder),
    shareImage: (imagePath, entrancePath) =>
      send('shareImageToGroup', { imagePath, needShowEntrance: true, entrancePath }),
    send,
    snapshot: async (scope, selector) => {
      await new Promise((settled) => setTimeout(settled, SNAPSHOT_SETTLE_MS));
      return new Promise<string>((resolve, reject) => {
        scope
          .createSelectorQuery()
          .select(selector)
          .node()
          .exec((results: ({ node?: WechatMiniprogram.Snapshot } | null)[]) => {
            const node = results[0]?.node;
            if (!node) {
              reject(new Error(`no <snapshot> matches ${selector}`));
              return;
            }
            node.takeSnapshot({
              type: 'file',
              format: 'png',
              success: ({ tempFilePath }) => resolve(tempFilePath),
              fail: reject,
            });
          });
      });
    },
    windowMetrics: () => {
      const { statusBarHeight } = api.getWindowInfo();
      const rect = api.getMenuButtonBoundingClientRect();
      return { statusBarHeight, menuButton: rect && rect.height > 0 ? { top: rect.top, height: rect.height } : null };
    },
    callFunction: async (name, data) => {
      const { result } = await api.cloud.callFunction({ name, data });
      return result;
    },
    envVersion: () => api.getAccountInfoSync().miniProgram.envVersion,
    language: () => api.getAppBaseInfo().language,
    toast: async (title, icon = 'none') => {
      await api.showToast({ title, icon });
    },
    confirm: async (options) => {
      const { confirm } = await api.showModal(options);
      return confirm;
    },
    navigateTo: async (url) => {
      await api.navigateTo({ url });
    },
    redirectTo: async (url) => {
      await api.redirectTo({ url });
    },
    navigateBack: async () => {
      await api.navigateBack({});
    },
  };
}

let current: WeChat | null = null;

/** The platform pages use: real WeChat unless a test or the simulator installed another. */
export function weChat(): WeChat {
  current ??= createWeChat(wx);
  return current;
}

export function useWeChat(replacement: WeChat | null): void {
  current = replacement;
}
