// The launcher's port to WeChat. The main package cannot load files from packageChatTool (nor the
// other way round), so it has its own small port over the global `wx`, which tests and the simulator replace.

export interface LauncherEnvironment {
  baseLibrary: string;
  weChat: string;
  /** System language, e.g. 'zh_CN' or 'en'. */
  language: string;
  theme: 'light' | 'dark';
}

export interface LauncherPlatform {
  environment(): LauncherEnvironment;
  /** Opens the chat tool at `url` (WeChat asks the user to pick a chat). */
  openChatTool(url: string): Promise<void>;
  /** The navigation bar title, in the user's language. */
  setTitle(title: string): void;
}

export function createLauncherPlatform(api: WechatMiniprogram.Wx): LauncherPlatform {
  return {
    environment: () => {
      const info = api.getAppBaseInfo();
      return {
        baseLibrary: info.SDKVersion,
        weChat: info.version,
        language: info.language,
        theme: info.theme === 'dark' ? 'dark' : 'light',
      };
    },
    openChatTool: async (url) => {
      await api.openChatTool({ url });
    },
    setTitle: (title) => {
      api.setNavigationBarTitle({ title });
    },
  };
}

let current: LauncherPlatform | null = null;

export function launcherPlatform(): LauncherPlatform {
  current ??= createLauncherPlatform(wx);
  return current;
}
