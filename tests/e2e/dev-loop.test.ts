// The edit loop of `npm start` on a copy of the project (so the checkout is never touched): a style
// edit reloads the page with the new look, an edit to a template the page includes shows on it; a WXML
// or TypeScript mistake shows in the page and the terminal with file and line, never a blank screen;
// fixing it recovers.

import fs from 'node:fs';
import path from 'node:path';
import { copyProject, describeWithBrowser, eventually, sharedSimulator } from './harness';

jest.setTimeout(120_000);

const LAUNCHER = 'miniprogram/pages/launcher/index';

describeWithBrowser('simulator edit loop', () => {
  const shared = sharedSimulator('edit-loop', { copy: () => copyProject('simulator-project-'), args: ['--watch'] });
  const edit = (file: string, change: (text: string) => string): void => {
    const full = path.join(shared.copy!, file);
    fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
  };

  const titleColor = (): Promise<string> =>
    shared.sim.phone
      .locator('wx-view[role="heading"]')
      .first()
      .evaluate((el) => getComputedStyle(el).color);

  test('a style edit rebuilds and reloads the page', async () => {
    expect(await titleColor()).not.toBe('rgb(1, 2, 3)');
    edit(`${LAUNCHER}.wxss`, (css) => `${css}\n.title { color: rgb(1, 2, 3); }\n`);
    await eventually(titleColor, 'rgb(1, 2, 3)', 15_000);
  });

  test('an edit to a template the page includes shows on the page (the builder compiles that template alone)', async () => {
    const note = `${path.dirname(LAUNCHER)}/note.wxml`;
    const page = `${LAUNCHER}.wxml`;
    const original = fs.readFileSync(path.join(shared.copy!, page), 'utf8');
    fs.writeFileSync(path.join(shared.copy!, note), '<view class="note">note one</view>');
    edit(page, (wxml) => `<include src="./note.wxml"/>\n${wxml}`);
    const noteText = (): Promise<string | null> =>
      shared.sim.phone
        .locator('wx-view.note')
        .first()
        .textContent({ timeout: 1_000 })
        .catch(() => null);
    await eventually(noteText, 'note one', 15_000);
    fs.writeFileSync(path.join(shared.copy!, note), '<view class="note">note two</view>');
    await eventually(noteText, 'note two', 15_000);
    expect(shared.server.output.join('')).not.toContain('build error');
    fs.writeFileSync(path.join(shared.copy!, page), original);
    fs.rmSync(path.join(shared.copy!, note));
    await eventually(async () => shared.sim.phone.locator('wx-view.note').count(), 0, 15_000);
  });

  test('an edit to a file no page uses does not rebuild', async () => {
    const builds = (): number => shared.server.output.join('').split('built after an edit').length;
    const before = builds();
    fs.writeFileSync(path.join(shared.copy!, 'packageChatTool/notes.ts'), 'export const unused = 1;\n');
    await new Promise((r) => setTimeout(r, 600));
    expect(builds()).toBe(before);
  });

  test('a WXML mistake shows file and line in the page, the host and the terminal; fixing it recovers', async () => {
    const original = fs.readFileSync(path.join(shared.copy!, `${LAUNCHER}.wxml`), 'utf8');
    edit(`${LAUNCHER}.wxml`, (wxml) => `${wxml}\n<view>{{ 1 + }}</view>\n`);
    const line = original.split('\n').length + 1;
    const where = `${LAUNCHER}.wxml:${line}:`;
    await shared.sim.phone.locator('.build-error').filter({ hasText: where }).waitFor({ timeout: 15_000 });
    await shared.sim.page.locator('#errors').filter({ hasText: where }).waitFor();
    await eventually(async () => shared.server.output.join('').includes(`build error: ${where}`), true);
    await shared.sim.screenshot('build-error');

    fs.writeFileSync(path.join(shared.copy!, `${LAUNCHER}.wxml`), original);
    await shared.sim.phone.locator('wx-view[role="heading"]').first().waitFor({ timeout: 15_000 });
    expect(await shared.sim.page.locator('#errors').isHidden()).toBe(true);
  });

  test('a TypeScript mistake shows file and line', async () => {
    const file = `${LAUNCHER}.ts`;
    const original = fs.readFileSync(path.join(shared.copy!, file), 'utf8');
    edit(file, (ts) => `${ts}\nconst broken = ;\n`);
    await shared.sim.phone
      .locator('.build-error')
      .filter({ hasText: `${file}:${original.split('\n').length + 1}:` })
      .waitFor({ timeout: 15_000 });
    fs.writeFileSync(path.join(shared.copy!, file), original);
    await shared.sim.phone.locator('wx-view[role="heading"]').first().waitFor({ timeout: 15_000 });
  });
});
