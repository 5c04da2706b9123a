// The chats `npm start` simulates, each at its own path of the one server, and the switch every one of their pages
// shows so that the other two are one tap away.

export const PLATFORM_PATHS = { wechat: '/', wecom: '/wecom/', feishu: '/feishu/' } as const;
export type Platform = keyof typeof PLATFORM_PATHS;

const PLATFORM_NAMES: Record<Platform, string> = {
  wechat: '微信 WeChat',
  wecom: '企业微信 WeCom',
  feishu: '飞书 Feishu',
};

export function platformOf(name: string): Platform {
  if (Object.hasOwn(PLATFORM_PATHS, name)) return name as Platform;
  throw new Error(`unknown platform "${name}" (known: ${Object.keys(PLATFORM_PATHS).join(', ')})`);
}

/**
 * The switch as HTML, for the top of each simulated chat's page: a link per platform, the current one marked for
 * assistive technology and the eye. Its style is inline so that each page carries it without a shared sheet.
 */
export function platformSwitch(current: Platform): string {
  const links = (Object.keys(PLATFORM_PATHS) as Platform[]).map((platform) =>
    platform === current
      ? `<a href="${PLATFORM_PATHS[platform]}" aria-current="page" style="font-weight:600;text-decoration:none;color:inherit">${PLATFORM_NAMES[platform]}</a>`
      : `<a href="${PLATFORM_PATHS[platform]}" style="color:inherit">${PLATFORM_NAMES[platform]}</a>`,
  );
  return `<nav aria-label="模拟的平台 Simulated platform" style="display:flex;gap:16px;padding:6px 12px;font:13px system-ui,sans-serif;color-scheme:light dark">${links.join('')}</nav>`;
}
