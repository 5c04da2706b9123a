// End to end in headless Chromium: the project's real pages on glass-easel, beside the simulated
// chats, backed by the real groupTask function on SQLite and the WeChat emulator.

import type { Browser } from 'playwright-core';
import { chromiumPath, eventually, launchBrowser, Simulator, startServer, type RunningServer } from './harness';

const executablePath = chromiumPath();
if (!executablePath) {
  console.warn(
    '[e2e] skipped: no Chromium found (install Debian chromium: apt-get install -y chromium, or set CHROMIUM_PATH)',
  );
}
const describeWithBrowser = executablePath ? describe : describe.skip;

jest.setTimeout(120_000);

describeWithBrowser('chat tool in the simulator', () => {
  let server: RunningServer;
  let browser: Browser;
  let sim: Simulator;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(executablePath!);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    sim = await Simulator.open(browser, server.url);
  });

  afterEach(async () => {
    const name = expect.getState().currentTestName?.replace(/[^\w]+/g, '-') ?? 'test';
    await sim.screenshot(name);
    await sim.page.close();
  });

  test('group chat: A publishes for B and C, B signs up, A reminds C and ends the task', async () => {
    const title = '周六爬山';
    await sim.viewAs('Alice');
    await sim.openTool();
    await sim.tap('button', '发布任务');
    await sim.type('标题', title);
    await sim.tap('radio', '报名参与');
    await sim.tap('radio', '指定成员');
    await sim.pickMembers(['Bob', 'Carol']);
    await sim.tap('button', '发布到聊天');

    await eventually(() => sim.cardStatus(title), '0人已参与');
    await sim.screenshot('published');

    await sim.viewAs('Bob');
    expect(await sim.cardStatus(title)).toBe('未参与');
    await sim.openCard(title);
    await sim.tap('button', '报名');
    await sim.byRole('button', '退出').waitFor();
    await eventually(() => sim.cardStatus(title), '已参与');
    await eventually(
      () =>
        sim
          .systemLines()
          .filter({ hasText: `Bob 已参与 Alice 发布的 ${title}` })
          .count(),
      1,
    );

    await sim.viewAs('Carol');
    expect(await sim.cardStatus(title)).toBe('未参与');
    await sim.viewAs('Dave');
    expect(await sim.cardStatus(title)).toBe('你无需参与');

    await sim.viewAs('Alice');
    expect(await sim.cardStatus(title)).toBe('1人已参与');
    await sim.openCard(title);
    await sim.tap('button', '提醒未参与的成员');
    await eventually(
      () =>
        sim
          .systemLines()
          .filter({ hasText: `@Carol 请参与：${title}` })
          .count(),
      1,
    );

    await sim.tap('button', '结束任务');
    await sim.phone.locator('.modal-confirm').click();
    await eventually(() => sim.cardStatus(title), '已结束');
    await eventually(
      () =>
        sim
          .systemLines()
          .filter({ hasText: `Alice 发布的 ${title} 已结束` })
          .count(),
      1,
    );
    await sim.viewAs('Bob');
    expect(await sim.cardStatus(title)).toBe('已结束');
    expect(sim.errors).toEqual([]);
  });
});
