// Which Feishu client API a web app may call, by the client's version (docs/platforms.md, "Feishu: web app"), and
// what it does instead when the client is too old. Pure: a version string in, a decision out.

/** requestAccess from 6.9.0 (older: requestAuthCode); enterChat with openChatId from 3.10.0; enterProfile in web apps from 4.0.0. */
export const MINIMUM = { requestAccess: '6.9.0', enterChat: '3.10.0', enterProfile: '4.0.0' } as const;

/** The Feishu (or Lark) version in a user agent, e.g. "… Lark/7.1.5 …"; null outside Feishu. */
export function clientVersion(userAgent: string): string | null {
  return /(?:Lark|Feishu)\/(\d+(?:\.\d+){0,3})/i.exec(userAgent)?.[1] ?? null;
}

/** Whether version `a` is at least `b`, part by part (missing parts are 0). */
export function atLeast(a: string, b: string): boolean {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export type LoginCall = 'requestAccess' | 'requestAuthCode' | 'none';
export type ChatCall = 'enterChat' | 'applink';
export type ProfileCall = 'enterProfile' | 'none';

/** How the page logs in, goes back to the group and opens a profile on this client. */
export function gates(version: string | null): { login: LoginCall; chat: ChatCall; profile: ProfileCall } {
  if (version === null) return { login: 'none', chat: 'applink', profile: 'none' };
  return {
    login: atLeast(version, MINIMUM.requestAccess) ? 'requestAccess' : 'requestAuthCode',
    chat: atLeast(version, MINIMUM.enterChat) ? 'enterChat' : 'applink',
    profile: atLeast(version, MINIMUM.enterProfile) ? 'enterProfile' : 'none',
  };
}

/** The AppLink that opens a chat, for clients without enterChat (docs/platforms.md, "Feishu: web app"). */
export const chatAppLink = (chatId: string): string =>
  `https://applink.feishu.cn/client/chat/open?openChatId=${encodeURIComponent(chatId)}`;
