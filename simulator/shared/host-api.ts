// What the chat host page (the parent window) offers the app runtime (inside the phone iframe).
// Both are same-origin pages, so the runtime calls the host's object directly.

import type { MessageApi } from '../../emulator/rules';
import type { BuildErrorInfo } from './protocol';

export interface DirectoryEntry {
  groupOpenid: string;
  nickname: string;
  avatarUrl: string;
}

/** Who is looking at the app, from where, and in which language and theme. */
export interface AppSession {
  viewer: { openid: string; nickname: string };
  /** The chat the tool runs in; null when the app runs outside a chat (the launcher). */
  chat: { roomId: string; chatType: 1 | 2 | 3 | 4; name: string } | null;
  /** The page to open first, e.g. `packageA/pages/entry/index`, and its query. */
  launch: { path: string; query: Record<string, string> };
  language: 'zh_CN' | 'en';
  theme: 'light' | 'dark';
  /** The chat's members as the viewer may see them (open-data-list), by group_openid. */
  directory: DirectoryEntry[];
}

/** Chat-tool calls the host answers (it owns the chat, the member picker and the server link). */
export type HostCall =
  | { api: 'getChatToolInfo' }
  | { api: 'selectGroupMembers'; maxSelectCount?: number }
  | {
      api: 'notifyGroupMembers';
      title: string;
      members: string[];
      entrancePath: string;
      type: 'participate' | 'complete';
    }
  /** `menu`: the options of the page's last wx.updateShareMenu (the card's activity, template, participants). */
  | { api: 'shareAppMessageToGroup'; menu: Record<string, unknown>; title: string; path: string; imageUrl?: string }
  /**
   * wx.share{Image,Video,File,Emoji}ToGroup: the page's options as given, the content of each file field the phone
   * holds (keyed by field), and what WeChat knows of the call: chat-tool mode and a live tap.
   */
  | {
      api: 'send';
      send: MessageApi;
      options: Record<string, unknown>;
      files: Record<string, SentFile>;
      chatTool: boolean;
      tap: boolean;
    }
  | { api: 'openChatTool'; url: string; roomid?: string; chatType?: number }
  | { api: 'exitChatTool' }
  | { api: 'callFunction'; name: string; data: unknown };

/** A file's content as the chat shows it: a data URL (or the project's URL of a code-package file), and its bytes. */
export interface SentFile {
  url: string;
  size: number;
}

export interface CallLogEntry {
  api: string;
  args: unknown;
  ok: boolean;
  result: unknown;
  ms: number;
}

export interface SimulatorHost {
  session(): AppSession;
  call(request: HostCall): Promise<unknown>;
  log(entry: CallLogEntry): void;
  /** The page on top of the stack changed (for reloads after an edit). */
  routeChanged(path: string, query: Record<string, string>): void;
  reportBuildErrors(errors: BuildErrorInfo[]): void;
  reportRuntimeError(message: string): void;
  /** The app finished launching its first page. */
  ready(): void;
  /**
   * What another platform's client adds to `wx`, made by the host page that plays it (the simulated WeCom chat: its
   * `wx.qy` and `wx.request`); the WeChat chat host adds nothing.
   */
  platformApis?(): Record<string, unknown>;
}

declare global {
  interface Window {
    simulatorHost?: SimulatorHost;
  }
}
