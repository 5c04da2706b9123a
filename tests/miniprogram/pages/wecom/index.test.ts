/**
 * @jest-environment jsdom
 */
// The WeCom toolbar page on the WeCom server (the real handlers and store) and the fake qyapi: the page's own
// services over a fake wx.qy, wx.request handing each body to the server as its HTTP layer would.
import fs from 'node:fs';
import path from 'node:path';
import { mountGlassEasel, projectRoot } from '../../../harness/glass-easel';
import { mountPage, type Rendered } from '../../../harness/simulate';
import { installWxMock } from '../../../harness/wx-mock';
import type { FakeChat, FakeWxQy } from '../../../../platforms/wecom/fakes/wx-qy';
import { createFakeWxQy } from '../../../../platforms/wecom/fakes/wx-qy';
import type { Company } from '../../../platforms/wecom/world';
import { APPID, GROUP, httpFetch, startCompany } from '../../../platforms/wecom/world';

const CARD_IMAGE = 'https://example.com/wecom-card.png';

jest.mock('../../../../miniprogram/config', () => ({
  CLOUD_ENV: '',
  WECOM_SERVICE_URL: 'https://wecom.example.com/api',
  WECOM_CARD_IMAGE_URL: 'https://example.com/wecom-card.png',
}));

const page = 'miniprogram/pages/wecom/index';

let company: Company;
beforeEach(async () => {
  company = await startCompany({ fetch: httpFetch });
});
afterEach(() => company.close());

/** Waits (up to 3 s) for the page to reach a state: its steps cross two servers. */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 3000) throw new Error('the page never got there');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Opened {
  view: Rendered;
  qy: FakeWxQy;
  requests: unknown[];
}

/** The page opened by `userid` from `entry`; `qy: false` plays WeChat (no wx.qy). */
async function open(
  userid: string,
  entry: WechatMiniprogram.Qy.Entry,
  chat: FakeChat = {},
  options: { language?: string; theme?: 'light' | 'dark'; qy?: boolean } = {},
): Promise<Opened> {
  const { language = 'zh_CN', theme = 'light', qy: inWecom = true } = options;
  const mock = installWxMock({ language, theme });
  const qy = createFakeWxQy({
    version: '4.1.20',
    entry,
    chat,
    login: () => company.qyapi.issueCode(userid),
    linkedAppids: [APPID],
  });
  const requests: unknown[] = [];
  const holder = globalThis as unknown as { wx: Record<string, unknown> };
  Object.assign(holder.wx, {
    qy: inWecom ? qy.qy : undefined,
    getSystemInfoSync: () => ({ language, theme, ...(inWecom ? { environment: 'wxwork' } : {}) }),
    getAccountInfoSync: () => ({ miniProgram: { appId: APPID, envVersion: 'release', version: '' } }),
    request: (option: WechatMiniprogram.RequestOption) => {
      expect(option).toMatchObject({
        url: 'https://wecom.example.com/api',
        method: 'POST',
        header: { 'content-type': 'application/json' },
      });
      requests.push(option.data);
      void company.service.handle(option.data).then((data) => option.success?.({ statusCode: 200, data } as never));
    },
  });
  void mock;
  const view = await mountPage(page);
  await until(() => view.instance.data.stage !== 'loading');
  return { view, qy, requests };
}

const stage = (opened: Opened) => opened.view.instance.data.stage;

describe('in a customer group', () => {
  test('create and send the card, sign up, leave, end: the list shows the live state', async () => {
    const alice = await open('alice', 'group_chat_tools', { chatId: GROUP });
    expect(stage(alice)).toBe('inChat');
    expect(alice.view.text('.note')).toBe('企业微信发出的卡片不会自动更新，这里显示的是最新进度。');
    expect(alice.view.text('.empty')).toBe('这个会话还没有任务。');

    alice.view.instance.setData({ title: 'Lunch', capacity: '3' });
    await alice.view.tap('.create');
    await until(() => alice.view.has('.task'));
    await until(() => alice.view.instance.data.busy === false);
    expect(alice.qy.sent).toEqual([
      {
        msgtype: 'miniprogram',
        miniprogram: { appid: APPID, title: 'Lunch', imgUrl: CARD_IMAGE, page: 'miniprogram/pages/wecom/index.html' },
      },
    ]);
    expect(alice.view.text('.notice')).toBe('卡片已发送');
    expect(alice.view.text('.task-title')).toBe('Lunch');
    expect(alice.view.text('.progress')).toBe('0 人已参与');
    // The creator sends the card again or ends it; she does not sign up for her own task.
    expect(alice.view.has('.join')).toBe(false);
    expect(alice.view.has('.publish')).toBe(true);
    expect(alice.requests[alice.requests.length - 2]).toMatchObject({
      op: 'call',
      request: { action: 'createTask', task: { title: 'Lunch', kind: 'participate', capacity: 3 } },
    });

    const bob = await open('bob', 'group_chat_tools', { chatId: GROUP }, { language: 'en', theme: 'dark' });
    expect(bob.view.has('.theme-dark')).toBe(true);
    expect(bob.view.text('.join')).toBe('Sign up');
    await bob.view.tap('.join');
    await until(() => bob.view.text('.progress') === '1 signed up');
    expect(bob.view.has('.join')).toBe(false);
    await bob.view.tap('.leave');
    await until(() => bob.view.text('.progress') === '0 signed up');

    const again = await open('alice', 'group_chat_tools', { chatId: GROUP });
    await again.view.tap('.end');
    await until(() => again.view.text('.progress') === '已结束');
    expect(again.view.has('.end')).toBe(false);
  });

  test('a task to complete offers "mark done"', async () => {
    const alice = await open('alice', 'group_chat_tools', { chatId: GROUP });
    alice.view.instance.setData({ title: 'Report', kind: 'complete' });
    await alice.view.tap('.create');
    await until(() => alice.view.has('.task') && alice.view.instance.data.busy === false);
    const bob = await open('bob', 'group_chat_tools', { chatId: GROUP });
    expect(bob.view.text('.join')).toBe('标记完成');
    await bob.view.tap('.join');
    await until(() => bob.view.text('.progress') === '1 人已完成');
  });
});

describe('where the page cannot show a chat', () => {
  test('outside WeCom, and in WeCom outside a chat toolbar, it explains', async () => {
    const wechat = await open('alice', 'normal', {}, { qy: false, language: 'en' });
    expect(stage(wechat)).toBe('notWecom');
    expect(wechat.view.text('.explain')).toContain('This card comes from a WeCom chat');
    const normal = await open('alice', 'normal');
    expect(stage(normal)).toBe('outsideChat');
    expect(normal.view.text('.explain')).toContain('聊天工具栏');
    expect(normal.view.has('.create')).toBe(false);
  });

  test('a customer group the user is not in: the reason, and a way to try again', async () => {
    const stranger = await open('alice', 'group_chat_tools', { chatId: 'wrNotOurs' });
    expect(stage(stranger)).toBe('failed');
    expect(stranger.view.text('.error')).toBe('你不在这个客户群里，或它不属于你的企业。');
    expect(stranger.view.text('.retry')).toBe('重试');
  });
});

describe('accessibility (real engine: simulate drops aria-*)', () => {
  /** The page on glass-easel, once it shows the chat (its steps cross two servers). */
  async function mounted(userid: string, language: string) {
    await open(userid, 'group_chat_tools', { chatId: GROUP }, { language });
    const view = mountGlassEasel(page);
    await view.callMethod('onLoad', {});
    await until(() => view.instance.data.stage === 'inChat' && view.instance.data.busy === false);
    return view;
  }

  test('every control says what it does, naming the task, in the page language', async () => {
    const alice = await mounted('alice', 'zh_CN');
    expect(alice.attribute('.title', 'aria-role')).toBe('heading');
    expect(alice.attribute('.title-input', 'aria-label')).toBe('任务标题，最多 15 个汉字或 30 个字母数字');
    expect(alice.attribute('.kinds', 'aria-label')).toBe('任务类型');
    expect(alice.attribute('.create', 'aria-label')).toBe('创建任务并把卡片发送到当前会话');
    expect(alice.attribute('.create', 'aria-role')).toBe('button');
    alice.instance.setData({ title: 'Lunch' });
    await alice.callMethod('onCreate');
    await until(() => alice.queryAll('.task').length === 1);
    expect(alice.attribute('.publish', 'aria-label')).toBe('把 Lunch 的卡片发送到当前会话');
    expect(alice.attribute('.end', 'aria-label')).toBe('结束 Lunch');
    expect(alice.attribute('.tasks', 'aria-role')).toBe('list');
    alice.unmount();
    const bob = await mounted('bob', 'en');
    expect(bob.attribute('.join', 'aria-label')).toBe('Sign up for Lunch');
    bob.unmount();
  });

  test('no web `role=` attribute, which WeChat ignores', () => {
    const wxml = fs.readFileSync(path.join(projectRoot, `${page}.wxml`), 'utf8');
    expect(wxml).not.toMatch(/(^|\s)role=/m);
    expect(wxml).toMatch(/aria-role=/);
  });
});
