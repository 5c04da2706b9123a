// The edit loop of `npm start` on a copy of the project (so the checkout is never touched): a style
// edit reloads the page with the new look; a WXML or TypeScript mistake shows in the page and the
// terminal with file and line, never a blank screen; fixing it recovers.

import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  copyProject,
  describeWithBrowser,
  eventually,
  executablePath,
  launchBrowser,
  Simulator,
  startServer,
  type RunningServer,
} from './harness';

jest.setTimeout(120_000);

const LAUNCHER = 'miniprogram/pages/launcher/index';

describeWithBrowser('simulator edit loop', () => {
  let copy: string;
  let server: RunningServer;
  let browser: Browser;
  let sim: Simulator;
  const edit = (file: string, change: (text: string) => string): void => {
    const full = path.join(copy, file);
    fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
  };

  beforeAll(async () => {
    copy = copyProject('simulator-project-');
    server = await startServer(['--root', copy, '--watch']);
    browser = await launchBrowser(executablePath!);
    sim = await Simulator.open(browser, server.url);
  });

  afterAll(async () => {
    await sim?.screenshot('edit-loop');
    await browser?.close();
    await server?.stop();
    fs.rmSync(copy, { recursive: true, force: true });
  });

  const titleColor = (): Promise<string> =>
    sim.phone
      .locator('wx-view[role="heading"]')
      .first()
      .evaluate((el) => getComputedStyle(el).color);

  test('a style edit rebuilds and reloads the page', async () => {
    expect(await titleColor()).not.toBe('rgb(1, 2, 3)');
    edit(`${LAUNCHER}.wxss`, (css) => `${css}\n.title { color: rgb(1, 2, 3); }\n`);
    await eventually(titleColor, 'rgb(1, 2, 3)', 15_000);
  });

  test('an edit to a file no page uses does not rebuild', async () => {
    const builds = (): number => server.output.join('').split('built after an edit').length;
    const before = builds();
    fs.writeFileSync(path.join(copy, 'packageChatTool/notes.ts'), 'export const unused = 1;\n');
    await new Promise((r) => setTimeout(r, 600));
    expect(builds()).toBe(before);
  });

  test('a WXML mistake shows file and line in the page, the host and the terminal; fixing it recovers', async () => {
    const original = fs.readFileSync(path.join(copy, `${LAUNCHER}.wxml`), 'utf8');
    edit(`${LAUNCHER}.wxml`, (wxml) => `${wxml}\n<view>{{ 1 + }}</view>\n`);
    const line = original.split('\n').length + 1;
    const where = `${LAUNCHER}.wxml:${line}:`;
    await sim.phone.locator('.build-error').filter({ hasText: where }).waitFor({ timeout: 15_000 });
    await sim.page.locator('#errors').filter({ hasText: where }).waitFor();
    await eventually(async () => server.output.join('').includes(`build error: ${where}`), true);
    await sim.screenshot('build-error');

    fs.writeFileSync(path.join(copy, `${LAUNCHER}.wxml`), original);
    await sim.phone.locator('wx-view[role="heading"]').first().waitFor({ timeout: 15_000 });
    expect(await sim.page.locator('#errors').isHidden()).toBe(true);
  });

  test('a TypeScript mistake shows file and line', async () => {
    const file = `${LAUNCHER}.ts`;
    const original = fs.readFileSync(path.join(copy, file), 'utf8');
    edit(file, (ts) => `${ts}\nconst broken = ;\n`);
    await sim.phone
      .locator('.build-error')
      .filter({ hasText: `${file}:${original.split('\n').length + 1}:` })
      .waitFor({ timeout: 15_000 });
    fs.writeFileSync(path.join(copy, file), original);
    await sim.phone.locator('wx-view[role="heading"]').first().waitFor({ timeout: 15_000 });
  });
});
