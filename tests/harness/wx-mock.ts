// A `wx` for tests: the chat-tool APIs miniprogram-simulate's own mock lacks, as jest mocks that answer
// both callback style (success/fail/complete) and promise style, configured with plain values.

export interface WxMockOptions {
  /** wx.getApiCategory(); 'chatTool' inside a chat tool. */
  apiCategory?: ApiCategory;
  /** getAppBaseInfo().language, e.g. 'zh_CN' or 'en'. */
  language?: string;
  theme?: 'light' | 'dark';
  /** Base library version (getAppBaseInfo().SDKVersion). */
  SDKVersion?: string;
  /** WeChat version (getAppBaseInfo().version). */
  version?: string;
  /** What wx.selectGroupMembers returns (group_openids). */
  selectedMembers?: string[];
  /** The cloudID wx.getChatToolInfo returns. */
  chatToolCloudID?: string;
  /** Cloud functions by name: what wx.cloud.callFunction resolves `result` to. */
  cloudFunctions?: Record<string, (data: Record<string, unknown>) => unknown>;
  envVersion?: 'develop' | 'trial' | 'release';
}

export interface WxError {
  errMsg: string;
  errno?: number;
}

interface Callbacks {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
}

type AsyncApi = jest.Mock<Promise<unknown> | void, [Record<string, unknown>?]>;

const ASYNC_APIS = [
  'getChatToolInfo',
  'getGroupEnterInfo',
  'selectGroupMembers',
  'notifyGroupMembers',
  'updateShareMenu',
  'shareAppMessageToGroup',
  'shareImageToGroup',
  'shareVideoToGroup',
  'shareFileToGroup',
  'shareEmojiToGroup',
  'openChatTool',
  'exitChatTool',
  'showToast',
  'showModal',
  'showLoading',
  'hideLoading',
  'navigateTo',
  'redirectTo',
  'navigateBack',
  'reLaunch',
  'setClipboardData',
  'setNavigationBarTitle',
  'vibrateShort',
] as const;
export type AsyncApiName = (typeof ASYNC_APIS)[number] | 'cloud.callFunction';

export interface WxMock {
  /** Install with installWxMock, or hand to code under test. */
  wx: Record<string, unknown> & { cloud: Record<string, unknown> };
  /** The jest mock behind an asynchronous API, to assert on its calls. */
  api(name: AsyncApiName): AsyncApi;
  /** The next call of `name` fails with `error` (WeChat's { errMsg, errno } shape). */
  failNext(name: AsyncApiName, error: WxError): void;
  /** Replace what `name` resolves to from now on. */
  respond(name: AsyncApiName, answer: (option: Record<string, unknown>) => unknown): void;
  options: Required<Omit<WxMockOptions, 'cloudFunctions'>> & Pick<WxMockOptions, 'cloudFunctions'>;
}

const defaults = {
  apiCategory: 'chatTool' as ApiCategory,
  language: 'zh_CN',
  theme: 'light' as const,
  SDKVersion: '3.7.12',
  version: '8.0.56',
  selectedMembers: ['gid-member-1', 'gid-member-2'],
  chatToolCloudID: 'cloud-id-of-room',
  envVersion: 'develop' as const,
};

export function createWxMock(overrides: WxMockOptions = {}): WxMock {
  const options = { ...defaults, ...overrides };
  const answers = new Map<AsyncApiName, (option: Record<string, unknown>) => unknown>();
  const failures = new Map<AsyncApiName, WxError[]>();
  const apis = new Map<AsyncApiName, AsyncApi>();
  const ok = (name: string, extra: object = {}) => ({ errMsg: `${name}:ok`, ...extra });

  answers.set('getChatToolInfo', () =>
    ok('getChatToolInfo', { cloudID: options.chatToolCloudID, encryptedData: 'enc', iv: 'iv' }),
  );
  answers.set('getGroupEnterInfo', () =>
    ok('getGroupEnterInfo', { cloudID: options.chatToolCloudID, encryptedData: 'enc', iv: 'iv' }),
  );
  answers.set('selectGroupMembers', () => ok('selectGroupMembers', { members: [...options.selectedMembers] }));
  answers.set('showModal', () => ok('showModal', { confirm: true, cancel: false }));
  answers.set('cloud.callFunction', (option) => {
    const name = String(option.name);
    const fn = options.cloudFunctions?.[name];
    if (!fn) throw { errMsg: `cloud.callFunction:fail function ${name} not mocked`, errno: -1 };
    return ok('cloud.callFunction', { result: fn((option.data ?? {}) as Record<string, unknown>) });
  });

  const makeApi = (name: AsyncApiName): AsyncApi => {
    const mock: AsyncApi = jest.fn((option: Record<string, unknown> = {}) => {
      const { success, fail, complete } = option as Callbacks;
      const queued = failures.get(name)?.shift();
      const outcome: Promise<unknown> = queued
        ? Promise.reject(queued)
        : Promise.resolve().then(async () => (answers.get(name) ?? (() => ok(name)))(option));
      if (!success && !fail && !complete) return outcome;
      outcome.then(
        (result) => {
          success?.(result);
          complete?.(result);
        },
        (error: unknown) => {
          fail?.(error);
          complete?.(error);
        },
      );
      return undefined;
    });
    apis.set(name, mock);
    return mock;
  };

  const wx: WxMock['wx'] = {
    cloud: {
      init: jest.fn(),
      callFunction: makeApi('cloud.callFunction'),
      CloudID: (cloudID: string) => ({ cloudID }),
    },
    getApiCategory: jest.fn(() => options.apiCategory),
    isChatTool: jest.fn(() => options.apiCategory === 'chatTool'),
    getAppBaseInfo: jest.fn(() => ({
      SDKVersion: options.SDKVersion,
      version: options.version,
      language: options.language,
      theme: options.theme,
      enableDebug: false,
      host: { appId: '' },
    })),
    getAccountInfoSync: jest.fn(() => ({
      miniProgram: { appId: 'wx-test', envVersion: options.envVersion, version: '' },
    })),
    getWindowInfo: jest.fn(() => ({ windowWidth: 375, windowHeight: 812, statusBarHeight: 44, pixelRatio: 3 })),
    onThemeChange: jest.fn(),
    offThemeChange: jest.fn(),
  };
  for (const name of ASYNC_APIS) wx[name] = makeApi(name);

  return {
    wx,
    options,
    api: (name) => {
      const mock = apis.get(name);
      if (!mock) throw new Error(`wx mock: no API ${name}`);
      return mock;
    },
    failNext: (name, error) => {
      failures.set(name, [...(failures.get(name) ?? []), error]);
    },
    respond: (name, answer) => {
      answers.set(name, answer);
    },
  };
}

/**
 * Puts the mock's APIs on the global `wx`, keeping the object (code that captured `wx` sees the new
 * APIs) and whatever else miniprogram-simulate already provides.
 */
export function installWxMock(overrides: WxMockOptions = {}): WxMock {
  const mock = createWxMock(overrides);
  const holder = globalThis as unknown as { wx?: Record<string, unknown> };
  holder.wx = Object.assign(holder.wx ?? {}, mock.wx);
  return mock;
}
