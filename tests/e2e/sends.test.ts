// The six sends into the chat end to end: a page in the chat tool sends one of each through the kit's wrappers, the
// simulated chat shows each as WeChat would, and an entrance, the card and the reminder's link reopen the tool at
// their path. On a copy of the project whose chat tool opens tests/e2e/fixtures/sends.

import fs from 'node:fs';
import path from 'node:path';
import { KIT_PACKAGE, kitBundle, usedKitNames } from '../../scripts/build-kit';
import { copyProject, describeWithBrowser, eventually, sharedSimulator } from './harness';

jest.setTimeout(120_000);

/** The copy, its chat tool's packed kit carrying the names the sends page imports (as `npm run build` packs it). */
async function projectWithSendsPage(): Promise<string> {
  const copy = copyProject('simulator-sends-');
  fs.cpSync(path.join(__dirname, 'fixtures/sends'), path.join(copy, 'packageChatTool/pages/sends'), {
    recursive: true,
  });
  const appJsonFile = path.join(copy, 'app.json');
  const appJson = JSON.parse(fs.readFileSync(appJsonFile, 'utf8')) as {
    subPackages: { root: string; pages: string[] }[];
    chatTools: { entryPagePath: string }[];
  };
  appJson.subPackages[0]!.pages.push('pages/sends/index');
  appJson.chatTools[0]!.entryPagePath = 'pages/sends/index';
  fs.writeFileSync(appJsonFile, JSON.stringify(appJson, null, 2));
  const packed = path.join(copy, 'packageChatTool/miniprogram_npm', KIT_PACKAGE, 'index.js');
  fs.writeFileSync(packed, await kitBundle(usedKitNames([copy])));
  return copy;
}

const PAGE = '/packageChatTool/pages/sends/index';

describeWithBrowser('sending into the chat', () => {
  const shared = sharedSimulator('sends', { copy: projectWithSendsPage });
  const result = (): Promise<string> => shared.sim.phone.locator('wx-text >> text=result:').first().innerText();
  const query = (): Promise<string> => shared.sim.phone.locator('wx-text >> text=query:').first().innerText();
  const message = (selector: string) => shared.sim.page.locator(`.messages ${selector}`).last();
  /** Taps `name` on the page and waits for its send to succeed. */
  const send = async (name: string): Promise<void> => {
    await shared.sim.tap('button', name);
    await eventually(result, `result:ok ${name}`);
  };

  beforeAll(async () => {
    await shared.sim.viewAs('Alice');
  });

  beforeEach(async () => {
    // Each test starts on a fresh page in the group chat (an entrance opened in the last one reloads it anyway).
    await shared.sim.openTool();
  });

  test('one of each kind reaches the chat as WeChat shows it', async () => {
    await send('card');
    const card = message('.card.mini-program');
    expect(await card.locator('.card-title').innerText()).toBe('Sends');
    expect(await card.locator('img.card-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    await send('image');
    expect(await message('.image-message img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    await send('video');
    const video = message('.video-message');
    expect(await video.locator('img.video-poster').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await video.locator('.video-play').click();
    expect(await video.locator('video').getAttribute('src')).toMatch(/^data:video\/mp4;base64,/);

    await send('file');
    const file = message('.file-message');
    expect(await file.locator('.file-name').innerText()).toBe('名单.csv');
    expect(await file.locator('.file-size').innerText()).toBe('38 B');
    expect(await file.locator('.file-icon').innerText()).toBe('CSV');

    await send('emoji');
    const sticker = message('.emoji-message');
    expect(await sticker.locator('img.sent-emoji').getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    expect(await sticker.locator('.entrance').count()).toBe(0);

    await shared.sim.tap('button', 'choose');
    await shared.sim.pickMembers(['Bob']);
    await send('remind');
    await shared.sim.page.locator('.messages .system-link', { hasText: '@Bob 请参与：sends' }).waitFor();
  });

  test('an entrance, the card and the reminder’s link reopen the tool at their path; without one, the start page', async () => {
    await message('.image-message .entrance').click();
    await shared.sim.ready();
    await eventually(query, 'query:image');
    await message('.file-message .entrance').click();
    await shared.sim.ready();
    await eventually(query, 'query:file');
    expect(await message('.video-message .entrance').getAttribute('data-entrance')).toBe(PAGE);
    await message('.card.mini-program').click();
    await shared.sim.ready();
    await eventually(query, 'query:card');
    await shared.sim.page.locator('.messages .system-link').last().click();
    await shared.sim.ready();
    await eventually(query, 'query:reminder');
  });

  test('refusals reach the page as the kit’s typed failures: a web address, a tap-only send after a timer', async () => {
    await shared.sim.tap('button', 'web-address');
    await eventually(result, 'result:WEB_ADDRESS imagePath');
    await shared.sim.tap('button', 'after-timer');
    await eventually(
      async () => (await result()).startsWith('result:PLATFORM shareFileToGroup:fail can only be called from a tap'),
      true,
    );
  });
});
