/**
 * @jest-environment jsdom
 */
import fs from 'node:fs';
import path from 'node:path';
import { mountGlassEasel, projectRoot } from '../../../harness/glass-easel';
import { flush, mountPage } from '../../../harness/simulate';
import { installWxMock, type WxMockOptions } from '../../../harness/wx-mock';

const page = 'miniprogram/pages/launcher/index';
const ENTRY = '/packageChatTool/pages/entry/index';

/** What the server answers for the cloudID of the group the launcher was opened from. */
const GROUP = { roomId: 'opengid-family', chatType: 3 };

type From = 'group' | 'elsewhere';

/** Opened from a group (getGroupEnterInfo answers, the server resolves the chat) or from anywhere else (40097). */
function wxFrom(from: From, options: WxMockOptions = {}) {
  const mock = installWxMock({
    ...options,
    cloudFunctions: {
      groupTask: (data) =>
        data.action === 'resolveChat' && data.chatProof === 'cloud-id-of-room'
          ? { ok: true, data: GROUP }
          : { ok: false, error: { code: 'BAD_REQUEST', message: 'unexpected call' } },
    },
  });
  if (from === 'elsewhere') {
    mock.failNext('getGroupEnterInfo', { errMsg: 'getGroupEnterInfo:fail scene error', errno: 40097 });
  }
  return mock;
}

async function open(from: From, options: WxMockOptions = {}) {
  const mock = wxFrom(from, options);
  return { mock, launcher: await mountPage(page) };
}

afterEach(() => jest.restoreAllMocks());

describe('opened anywhere else', () => {
  test('explains the tool in Chinese and opens the chat picker on tap', async () => {
    const { mock, launcher } = await open('elsewhere', { language: 'zh_CN' });
    expect(launcher.text('.title')).toBe('群任务接龙');
    expect(launcher.text('.intro')).toContain('在群聊里发布任务');
    expect(launcher.text('.steps')).toContain('1. 点击下方按钮并选择一个群聊');
    expect(launcher.text('.open')).toBe('在群聊中打开');
    expect(launcher.has('.too-old')).toBe(false);
    expect(launcher.instance.data.supported).toBe(true);
    expect(mock.api('setNavigationBarTitle')).toHaveBeenCalledWith({ title: '群任务接龙' });
    expect(mock.api('getGroupEnterInfo')).toHaveBeenCalledWith(expect.objectContaining({ allowSingleChat: true }));
    expect(mock.api('cloud.callFunction')).not.toHaveBeenCalled();

    await launcher.tap('.open');
    expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: ENTRY });
    expect(launcher.has('.error')).toBe(false);
  });

  test('speaks English when the system language is English', async () => {
    const { launcher } = await open('elsewhere', { language: 'en' });
    expect(launcher.text('.title')).toBe('Group tasks');
    expect(launcher.text('.open')).toBe('Open in a group chat');
    expect(launcher.text('.steps')).toContain('1. Tap the button below and pick a group chat');
    expect(launcher.instance.data.texts).toMatchObject({ openLabel: 'Pick a group chat and open Group tasks' });
  });
});

describe('opened from a group (a card, group todo or the group tools)', () => {
  test.each([
    ['zh_CN', '在这个聊天中打开', '1. 点击下方按钮，在这个聊天中打开'],
    ['en', 'Open in this chat', '1. Tap the button below to open it in this chat'],
  ])('in %s it offers that chat and opens the tool bound to it, without the picker', async (language, button, step) => {
    const { mock, launcher } = await open('group', { language });
    expect(mock.api('cloud.callFunction')).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'groupTask', data: { action: 'resolveChat', chatProof: 'cloud-id-of-room' } }),
    );
    expect(launcher.text('.open')).toBe(button);
    expect(launcher.text('.steps')).toContain(step);

    await launcher.tap('.open');
    expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: ENTRY, roomid: 'opengid-family', chatType: 3 });
  });

  test('a one-to-one chat opens with its open_single_roomid and chatType 1', async () => {
    const mock = wxFrom('group');
    mock.options.cloudFunctions = { groupTask: () => ({ ok: true, data: { roomId: 'single-room', chatType: 1 } }) };
    const launcher = await mountPage(page);
    await launcher.tap('.open');
    expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: ENTRY, roomid: 'single-room', chatType: 1 });
  });

  test('a tap before the server answered waits for the chat instead of opening the picker', async () => {
    const mock = wxFrom('group');
    let answer: (value: unknown) => void = () => undefined;
    mock.respond('cloud.callFunction', () => new Promise((resolve) => (answer = resolve)));
    const launcher = await mountPage(page);
    expect(launcher.instance.data.locating).toBe(true);
    const tapped = launcher.tap('.open');
    await flush();
    expect(mock.api('openChatTool')).not.toHaveBeenCalled();
    answer({ errMsg: 'cloud.callFunction:ok', result: { ok: true, data: GROUP } });
    await tapped;
    await flush();
    expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: ENTRY, roomid: 'opengid-family', chatType: 3 });
    expect(launcher.instance.data.locating).toBe(false);
  });

  test.each([
    ['the server refuses the cloudID', { ok: false, error: { code: 'CHAT_PROOF_EXPIRED', message: 'expired' } }],
    ['the server answers nonsense', { ok: true, data: { roomId: '', chatType: 9 } }],
  ])('%s: the picker opens, as from anywhere else', async (_case, answer) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const mock = wxFrom('group');
    mock.options.cloudFunctions = { groupTask: () => answer };
    const launcher = await mountPage(page);
    expect(launcher.text('.open')).toBe('在群聊中打开');
    await launcher.tap('.open');
    expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: ENTRY });
    expect(warn).toHaveBeenCalledWith('resolveChat refused; the chat picker opens instead', answer);
  });

  test('the cloud function failing: the picker opens', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const mock = wxFrom('group');
    mock.failNext('cloud.callFunction', { errMsg: 'cloud.callFunction:fail network', errno: -1 });
    const launcher = await mountPage(page);
    await launcher.tap('.open');
    expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: ENTRY });
    expect(warn).toHaveBeenCalled();
  });
});

describe('too old', () => {
  test('WeChat: a clear message, no chat lookup and no attempt to open', async () => {
    const { mock, launcher } = await open('group', { language: 'en', version: '8.0.50' });
    expect(launcher.text('.too-old')).toBe(
      'This version of WeChat (8.0.50) is too old: Group tasks needs 8.0.56 or later. Please update WeChat and try again.',
    );
    expect(launcher.instance.data.supported).toBe(false);
    expect(mock.api('getGroupEnterInfo')).not.toHaveBeenCalled();
    await launcher.tap('.open');
    expect(mock.api('openChatTool')).not.toHaveBeenCalled();
  });

  test.each(['3.7.0', '3.7.8', '3.7.11'])(
    'base library %s (below Skyline start version 3.7.12), in Chinese, with the reason',
    async (SDKVersion) => {
      const { mock, launcher } = await open('elsewhere', { language: 'zh_CN', SDKVersion });
      expect(launcher.text('.too-old')).toContain(`基础库版本 ${SDKVersion} 过低，群任务接龙需要 3.7.12 或以上`);
      expect(launcher.text('.requirements')).toContain('本工具的页面使用 Skyline 渲染，从基础库 3.7.12 起启用');
      await launcher.tap('.open');
      expect(mock.api('openChatTool')).not.toHaveBeenCalled();
    },
  );

  test('the minimum and why are stated on every launch, in English too', async () => {
    const { launcher } = await open('elsewhere', { language: 'en', SDKVersion: '3.7.12' });
    expect(launcher.has('.too-old')).toBe(false);
    expect(launcher.text('.requirements')).toBe(
      'Needs WeChat 8.0.56 or later and base library 3.7.12 or later: chat tools exist from base library 3.7.8 and ' +
        "WeChat 8.0.56, and this tool's pages run on the Skyline renderer, which it turns on from base library 3.7.12.",
    );
  });
});

test('a failed open shows an error the user can read', async () => {
  const { mock, launcher } = await open('elsewhere', { language: 'en' });
  mock.failNext('openChatTool', { errMsg: 'openChatTool:fail cancel' });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await launcher.tap('.open');
  expect(launcher.text('.error')).toBe('Could not open the chat tool. Please try again.');
  expect(launcher.instance.data.opening).toBe(false);
  expect(warn).toHaveBeenCalled();
});

test('dark theme is applied', async () => {
  const { launcher } = await open('elsewhere', { theme: 'dark' });
  expect(launcher.get('.launcher').dom.className).toContain('theme-dark');
});

describe('accessibility (real engine: simulate drops aria-*)', () => {
  test.each([
    ['zh_CN', 'elsewhere', '选择一个群聊并打开群任务接龙'],
    ['en', 'elsewhere', 'Pick a group chat and open Group tasks'],
    ['zh_CN', 'group', '在你打开小程序的这个聊天中打开群任务接龙'],
    ['en', 'group', 'Open Group tasks in the chat you came from'],
  ] as const)('%s, opened from %s: the button says what it does', async (language, from, label) => {
    wxFrom(from, { language });
    const launcher = mountGlassEasel(page);
    const located = launcher.callMethod('onLoad', {});
    await located;
    await flush();
    await flush();
    expect(launcher.attribute('.open', 'aria-label')).toBe(label);
    expect(launcher.attribute('.open', 'aria-role')).toBe('button');
    launcher.unmount();
  });

  test('structure uses the mini program attributes: heading, list, alert', () => {
    wxFrom('elsewhere', { version: '8.0.1' });
    const launcher = mountGlassEasel(page);
    launcher.callMethod('onLoad', {});
    expect(launcher.attribute('.title', 'aria-role')).toBe('heading');
    expect(launcher.attribute('.title', 'aria-level')).toBe('1');
    expect(launcher.attribute('.steps', 'aria-role')).toBe('list');
    expect(launcher.attribute('.step', 'aria-role')).toBe('listitem');
    expect(launcher.attribute('.too-old', 'aria-role')).toBe('alert');
    launcher.unmount();
  });

  test('no web `role=` attribute, which WeChat ignores', () => {
    const wxml = fs.readFileSync(path.join(projectRoot, `${page}.wxml`), 'utf8');
    expect(wxml).not.toMatch(/(^|\s)role=/m);
    expect(wxml).toMatch(/aria-role=/);
  });
});

describe('where a then callback runs as a task, as on iOS 15 and older (docs/platform.md#engines)', () => {
  const NativePromise = Promise;
  /** A timer turn: what the base library's Promise there waits for before each callback. */
  const timerTurn = () => new NativePromise<void>((resolve) => setTimeout(resolve, 0));
  /**
   * The base library's Promise there: a callback waits for a timer set when it can run (at `then` on a settled
   * promise, at settling otherwise), so it runs after timers already due instead of before them.
   */
  class TaskPromise<T> extends NativePromise<T> {
    private readonly settled: { now: boolean };
    constructor(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void) {
      const settled = { now: false };
      super((resolve, reject) =>
        executor(
          (value) => {
            settled.now = true;
            resolve(value);
          },
          (reason) => {
            settled.now = true;
            reject(reason);
          },
        ),
      );
      this.settled = settled;
    }

    override then<A = T, B = never>(
      onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
      onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
    ): Promise<A | B> {
      const turn = this.settled.now ? timerTurn() : undefined;
      const later =
        <X, Y>(callback: (value: X) => Y | PromiseLike<Y>) =>
        (value: X) =>
          (turn ?? timerTurn()).then(() => callback(value));
      return super.then(onFulfilled ? later(onFulfilled) : onFulfilled, onRejected ? later(onRejected) : onRejected);
    }
  }
  beforeEach(() => {
    global.Promise = TaskPromise as PromiseConstructor;
  });
  afterEach(() => {
    global.Promise = NativePromise;
  });

  /** Enough timer turns for every callback of a lookup and a tap to have run. */
  async function settle(): Promise<void> {
    for (let turn = 0; turn < 20; turn += 1) await flush();
  }

  test("the stand-in orders callbacks as the JavaScript support page's example does on iOS 15", async () => {
    const order: number[] = [];
    setTimeout(() => order.push(6), 0);
    order.push(1);
    const promise = new Promise<void>((resolve) => {
      order.push(2);
      resolve();
    });
    order.push(3);
    void promise.then(() => order.push(5));
    order.push(4);
    setTimeout(() => order.push(7), 0);
    await settle();
    expect(order).toEqual([1, 2, 3, 4, 6, 5, 7]);
  });

  test('a tap before the server answered still opens the tool in that chat', async () => {
    const mock = wxFrom('group');
    let answer: (value: unknown) => void = () => undefined;
    mock.respond('cloud.callFunction', () => new Promise((resolve) => (answer = resolve)));
    const launcher = await mountPage(page);
    const tapped = launcher.tap('.open');
    await settle();
    expect(mock.api('openChatTool')).not.toHaveBeenCalled();
    answer({ errMsg: 'cloud.callFunction:ok', result: { ok: true, data: GROUP } });
    await tapped;
    await settle();
    expect(mock.api('openChatTool')).toHaveBeenCalledTimes(1);
    expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: ENTRY, roomid: 'opengid-family', chatType: 3 });
    expect(launcher.instance.data).toMatchObject({ locating: false, opening: false, error: '' });
  });

  test('a failing open says so and lets the user tap again', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const mock = wxFrom('elsewhere');
    mock.failNext('openChatTool', { errMsg: 'openChatTool:fail cancel' });
    const launcher = await mountPage(page);
    await launcher.tap('.open');
    await settle();
    expect(launcher.instance.data).toMatchObject({ opening: false, error: '没能打开聊天工具，请稍后重试。' });
    await launcher.tap('.open');
    await settle();
    expect(mock.api('openChatTool')).toHaveBeenCalledTimes(2);
    expect(launcher.instance.data).toMatchObject({ opening: false, error: '' });
  });
});
