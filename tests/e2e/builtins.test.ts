// Built-in components and page lifetimes in the simulator, on a copy of the project whose chat tool
// opens a playground page (tests/e2e/fixtures/playground) instead of the real entry page.

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame } from 'playwright-core';
import {
  copyProject,
  describeWithBrowser,
  eventually,
  executablePath,
  launchBrowser,
  memberNamed,
  roomNamed,
  Simulator,
  startServer,
  type RunningServer,
} from './harness';

jest.setTimeout(120_000);

function projectWithPlayground(): string {
  const copy = copyProject('simulator-playground-');
  fs.cpSync(path.join(__dirname, 'fixtures/playground'), path.join(copy, 'packageChatTool/pages/playground'), {
    recursive: true,
  });
  // A 2×1 PNG, served from the project like any image the pages use.
  fs.writeFileSync(
    path.join(copy, 'packageChatTool/pages/playground/dot.png'),
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGNgP5jwH4QBEOEET5PudskAAAAASUVORK5CYII=',
      'base64',
    ),
  );
  const appJsonFile = path.join(copy, 'app.json');
  const appJson = JSON.parse(fs.readFileSync(appJsonFile, 'utf8')) as {
    subPackages: { root: string; pages: string[] }[];
    chatTools: { entryPagePath: string }[];
  };
  appJson.subPackages[0]!.pages.push('pages/playground/index', 'pages/playground/next');
  appJson.chatTools[0]!.entryPagePath = 'pages/playground/index';
  fs.writeFileSync(appJsonFile, JSON.stringify(appJson, null, 2));
  return copy;
}

const GROUP = '周末爬山群 Hiking group';

type WxFunctions = Record<string, ((options: object) => unknown) | undefined>;

function frameOf(sim: Simulator): Frame {
  return sim.page.frame({ url: /app\.html/ })!;
}

/** Calls `wx[api]` in the phone with callbacks and resolves what success or fail received. */
async function callWx(sim: Simulator, api: string, options: object): Promise<Record<string, unknown>> {
  return frameOf(sim).evaluate(
    ([name, args]) =>
      new Promise<Record<string, unknown>>((resolve) => {
        (window as unknown as { wx: WxFunctions }).wx[name]!({ ...args, success: resolve, fail: resolve });
      }),
    [api, options] as const,
  );
}

type Rgba = [number, number, number, number];
function parse(colour: string): Rgba {
  const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, a];
}
/** `top` drawn over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
}
/** WCAG contrast ratio of two opaque colours. */
function contrast(x: Rgba, y: Rgba): number {
  const luminance = (c: Rgba): number => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (light! + 0.05) / (dark! + 0.05);
}

describeWithBrowser('built-in components and page lifetimes', () => {
  let copy: string;
  let server: RunningServer;
  let browser: Browser;
  let sim: Simulator;
  const text = (selector: string): Promise<string> => sim.phone.locator(selector).first().innerText();

  beforeAll(async () => {
    copy = projectWithPlayground();
    server = await startServer(['--root', copy]);
    browser = await launchBrowser(executablePath!);
    sim = await Simulator.open(browser, server.url);
    await sim.viewAs('Alice');
    await sim.openTool();
  });

  afterAll(async () => {
    await sim?.screenshot('builtins');
    await browser?.close();
    await server?.stop();
    fs.rmSync(copy, { recursive: true, force: true });
  });

  test('inside the chat the page sees chatTool mode and gets load, show, ready', async () => {
    expect(await text('wx-text >> text=category:')).toBe('category:chatTool');
    await eventually(() => text('wx-text >> text=lifetimes:'), 'lifetimes:load,show,ready');
  });

  test('button: disabled swallows taps, loading shows a spinner, open-type=share is refused in chat-tool mode', async () => {
    await sim.phone.locator('wx-button[aria-label="disabled"]').click({ force: true });
    expect(await text('wx-text >> text=taps:')).toBe('taps:0');
    expect(await sim.phone.locator('wx-button[aria-label="loading"] .wxb--spinner').count()).toBe(1);
    await sim.phone.locator('wx-button[aria-label="share"]').click();
    await sim.page.locator('#calls .call.fail[data-api="button open-type=share"]').first().waitFor();
  });

  test('input: model:value with maxlength; textarea: bindinput detail', async () => {
    await sim.phone.locator('wx-input[aria-label="name"] input').pressSequentially('abcdefgh');
    await eventually(() => text('wx-text >> text=name:'), 'name:abcde');
    await sim.phone.locator('wx-textarea[aria-label="notes"] textarea').fill('多行\n文字');
    await eventually(() => text('wx-text >> text=notes:'), 'notes:多行\n文字');
  });

  test('switch toggles with a change event; picker opens a sheet and reports the choice', async () => {
    await sim.phone.locator('wx-switch[aria-label="toggle"]').click();
    await eventually(() => text('wx-text >> text=switch:'), 'switch:true');
    expect(await sim.phone.locator('wx-switch[aria-label="toggle"]').getAttribute('aria-checked')).toBe('true');
    await sim.byRole('button', 'pick').click();
    await sim.phone.locator('.picker-field').selectOption('2');
    await sim.phone.locator('.picker-confirm').click();
    await eventually(() => sim.byRole('button', 'pick').innerText(), 'pick:2');
  });

  test('radio-group: a tap on a radio, its label or the label naming it checks that one alone and reports its value', async () => {
    const radio = (name: string) => sim.byRole('radio', name);
    const checked = async () => {
      const shown: string[] = [];
      for (const name of ['apple', 'pear', 'plum', 'fig']) {
        if ((await radio(name).getAttribute('aria-checked')) === 'true') shown.push(name);
      }
      return shown;
    };
    const events = () => text('wx-text >> text=fruits:');
    expect(await sim.phone.getByRole('radiogroup', { name: 'fruits' }).count()).toBe(1);
    expect(await checked()).toEqual(['apple']);
    // The label's own text, away from the radio inside it.
    const pear = sim.phone.locator('wx-label.fruit', { hasText: 'pear' });
    const box = (await pear.boundingBox())!;
    await pear.click({ position: { x: box.width - 5, y: box.height / 2 } });
    await eventually(events, 'fruits:"pear",');
    expect(await checked()).toEqual(['pear']);
    // `color` fills the checked radio.
    const icon = sim.phone.locator('wx-radio[aria-checked="true"] .wxb--radio-icon');
    expect(await icon.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 0, 0)');
    // The checked radio again, and a disabled one: no change.
    await radio('pear').click();
    await radio('plum').click({ force: true });
    expect(await radio('plum').getAttribute('aria-disabled')).toBe('true');
    // A label naming its radio by `for`.
    await sim.phone.locator('wx-label', { hasText: 'fig' }).click();
    await eventually(events, 'fruits:"pear","fig",');
    expect(await checked()).toEqual(['fig']);
  });

  test('radio-group keyboard: only the checked radio is a Tab stop; arrows skip the disabled one and select; Space selects', async () => {
    // The previous test left fig checked.
    const tabStops = await sim.phone
      .locator('wx-radio')
      .evaluateAll((els) => els.map((el) => `${el.getAttribute('aria-checked')}:${(el as HTMLElement).tabIndex}`));
    expect(tabStops).toEqual(['false:-1', 'false:-1', 'false:-1', 'true:0']);
    await sim.byRole('radio', 'fig').focus();
    await sim.page.keyboard.press('ArrowUp');
    await eventually(() => text('wx-text >> text=fruits:'), 'fruits:"pear","fig","pear",');
    expect(await sim.byRole('radio', 'pear').evaluate((el) => el === document.activeElement)).toBe(true);
    await sim.page.keyboard.press('ArrowDown');
    await eventually(() => text('wx-text >> text=fruits:'), 'fruits:"pear","fig","pear","fig",');
    await sim.page.keyboard.press('ArrowDown');
    await eventually(() => text('wx-text >> text=fruits:'), 'fruits:"pear","fig","pear","fig","apple",');
    await sim.byRole('radio', 'pear').focus();
    await sim.page.keyboard.press('Space');
    await eventually(() => text('wx-text >> text=fruits:'), 'fruits:"pear","fig","pear","fig","apple","pear",');
  });

  test('image loads from the project with its size in bindload', async () => {
    await eventually(() => text('wx-text >> text=image:'), 'image:2x1');
    expect(await sim.phone.locator('wx-image').first().getAttribute('mode')).toBe('aspectFit');
  });

  test('icon: the glyph in the colour of its type when no color is given', async () => {
    const glyph = sim.phone.locator('wx-icon .wxb--glyph').first();
    expect(await glyph.innerText()).toBe('✔');
    expect(await glyph.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(7, 193, 96)');
  });

  test('hover-class applies while pressed', async () => {
    const hover = sim.phone.locator('wx-view[aria-label="hover"]');
    const color = (): Promise<string> => hover.evaluate((el) => getComputedStyle(el).color);
    await hover.scrollIntoViewIfNeeded();
    const box = (await hover.boundingBox())!;
    await sim.page.mouse.move(box.x + 5, box.y + 5);
    await sim.page.mouse.down();
    await eventually(color, 'rgb(9, 9, 9)', 2_000);
    await sim.page.mouse.up();
    await eventually(async () => (await color()) !== 'rgb(9, 9, 9)', true, 2_000);
  });

  test('open-data-list shows the chosen members by slot:index', async () => {
    await sim.byRole('button', 'choose').click();
    await sim.pickMembers(['Bob', 'Carol']);
    await eventually(() => sim.phone.locator('wx-open-data-item').allInnerTexts(), ['Bob', 'Carol']);
  });

  test('notifyGroupMembers from a tap posts "@Bob @Carol 请完成：title"; a title over 30 units is refused', async () => {
    await sim.byRole('button', 'remind').click();
    await eventually(() => text('wx-text >> text=reminded:'), 'reminded:ok');
    await sim.systemLines().filter({ hasText: '@Bob @Carol 请完成：playground' }).waitFor();
    await sim.byRole('button', 'remind-long').click();
    await eventually(
      async () =>
        (await text('wx-text >> text=reminded:')).includes(
          'notifyGroupMembers:fail invalid title: 36 characters (Chinese counts 2): at most 30',
        ),
      true,
    );
  });

  test('notifyGroupMembers after a network round trip or a timer is refused: the tap is over', async () => {
    const refused =
      'notifyGroupMembers:fail can only be called from a tap (仅在点击行为时调用): call it in the tap handler, before any awaited network call or timer';
    await sim.byRole('button', 'remind-after-network').click();
    await eventually(() => text('wx-text >> text=late:'), `late:${refused}`);
    await sim.byRole('button', 'remind-after-timer').click();
    await eventually(() => text('wx-text >> text=late:'), `late:${refused}`);
    await sim.page.locator('#calls .call.fail[data-api="notifyGroupMembers"]').first().waitFor();
  });

  test('canvasToTempFilePath refuses an offscreen canvas, as a phone does', async () => {
    await sim.byRole('button', 'offscreen').click();
    await eventually(
      () => text('wx-text >> text=offscreen:'),
      'offscreen:canvasToTempFilePath:fail offscreen canvas is not supported (暂不支持离屏 canvas): render in <snapshot> and use takeSnapshot',
    );
  });

  test('snapshot: takeSnapshot exports the real rendering of an offscreen <snapshot> as a PNG', async () => {
    // 200 × 100 CSS pixels at the phone's pixel ratio 3.
    await sim.byRole('button', 'snap-png').click();
    await eventually(() => text('wx-text >> text=snap:'), 'snap:PNG 600x300');
    await sim.byRole('button', 'snap-rgba').click();
    await eventually(() => text('wx-text >> text=snap:'), `snap:rgba ${600 * 300 * 4} 255,0,0,255`);
    await sim.byRole('button', 'snap-file').click();
    await eventually(() => text('wx-text >> text=snap:'), 'snap:file 600x300');
    // The temporary file works as an <image src>.
    await eventually(() => text('wx-text >> text=snap-image:'), 'snap-image:600x300');
    // "不能设置为 display: none" (docs/platform.md, "snapshot").
    await sim.byRole('button', 'snap-hidden').click();
    await eventually(
      () => text('wx-text >> text=snap:'),
      'snap:takeSnapshot:fail the snapshot is not rendered (display: none)',
    );
  });

  test('scroll-view pull-to-refresh: a drag or the wheel past the threshold at the top refreshes; a short pull aborts', async () => {
    const scroller = sim.phone.locator('wx-scroll-view.refresh .wxb--scroller');
    await scroller.scrollIntoViewIfNeeded();
    const box = (await scroller.boundingBox())!;
    const drag = async (dy: number): Promise<void> => {
      await sim.page.mouse.move(box.x + 20, box.y + 10);
      await sim.page.mouse.down();
      await sim.page.mouse.move(box.x + 20, box.y + 10 + dy, { steps: 5 });
      await sim.page.mouse.up();
    };
    await drag(80);
    await eventually(() => text('wx-text >> text=refresher:'), 'refresher:refresh,restore,');
    await drag(15);
    await eventually(() => text('wx-text >> text=refresher:'), 'refresher:refresh,restore,abort,');
    await sim.page.mouse.move(box.x + 20, box.y + 20);
    await sim.page.mouse.wheel(0, -100);
    await eventually(() => text('wx-text >> text=refresher:'), 'refresher:refresh,restore,abort,refresh,restore,');
  });

  test('scroll-view reports scrolltolower', async () => {
    await sim.phone.locator('wx-scroll-view.scroller .wxb--scroller').evaluate((el) => el.scrollTo(0, 10_000));
    await eventually(() => text('wx-text >> text=scrolled:'), 'scrolled:true');
  });

  test('scroll-view scroll-into-view scrolls the element with that id into view, plus scroll-into-view-offset', async () => {
    const scroller = sim.phone.locator('wx-scroll-view.into .wxb--scroller');
    await scroller.scrollIntoViewIfNeeded();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    await sim.byRole('button', 'into-view').click();
    // The target starts below a 1000px block; the offset of -10 leaves 10px above it.
    await eventually(() => scroller.evaluate((el) => el.scrollTop), 990);
    const gap = await scroller.evaluate((el) => {
      const target = el.querySelector('.into-target')!.getBoundingClientRect();
      return target.top - el.getBoundingClientRect().top;
    });
    expect(gap).toBeCloseTo(10, 0);
  });

  test('text overflow="ellipsis" max-lines="2" clamps a long title to two lines ending in "…"', async () => {
    const lines = (selector: string) =>
      sim.phone.locator(`wx-text.${selector} > span`).evaluate((el) => {
        const style = getComputedStyle(el);
        return {
          clamp: style.webkitLineClamp,
          clipped: el.scrollHeight > el.clientHeight,
          height: el.getBoundingClientRect().height,
        };
      });
    const clamped = await lines('clamped');
    const whole = await lines('unclamped');
    expect(clamped.clamp).toBe('2');
    expect(clamped.clipped).toBe(true);
    expect(whole.clamp).toBe('none');
    // The unclamped copy of the same text is taller: the clamp, not the text, sets two lines.
    expect(whole.height).toBeGreaterThan(clamped.height * 1.4);
  });

  test('navigateTo hides the page, navigateBack unloads the next one and shows it again', async () => {
    await sim.byRole('button', 'next').click();
    await eventually(() => sim.phone.locator('wx-view >> text=next page').innerText(), 'next page, stack 2');
    await sim.phone.locator('.nav-back').click();
    await eventually(() => text('wx-text >> text=lifetimes:'), 'lifetimes:load,show,ready,hide,show');
    expect(await sim.phone.locator('wx-view >> text=next page').count()).toBe(0);
  });

  test('style isolation: the page styles an apply-shared component (JSON or addGlobalClass) on that page, not an isolated one or another page', async () => {
    const colour = (label: string) =>
      sim.phone.locator(`[aria-label="${label}"]`).evaluate((el) => getComputedStyle(el).color);
    expect(await colour('look-shared')).toBe('rgb(0, 128, 0)');
    // addGlobalClass in the script's options, the JSON silent: apply-shared too.
    expect(await colour('look-script')).toBe('rgb(0, 128, 0)');
    expect(await colour('look-isolated')).not.toBe('rgb(0, 128, 0)');
    await sim.byRole('button', 'next').click();
    await eventually(() => sim.phone.locator('wx-view >> text=next page').innerText(), 'next page, stack 2');
    expect(await sim.phone.locator('wx-view >> text=next look').evaluate((el) => getComputedStyle(el).color)).not.toBe(
      'rgb(0, 128, 0)',
    );
    await sim.phone.locator('.nav-back').click();
    await eventually(() => sim.phone.locator('wx-view >> text=next page').count(), 0);
  });

  test('wx.createSelectorQuery measures the page; nextTick and event subscriptions work', async () => {
    const frame = sim.page.frame({ url: /app\.html/ })!;
    const result = await frame.evaluate(
      () =>
        new Promise<{ width: number; ticked: boolean }>((resolve) => {
          type Query = {
            select(s: string): { boundingClientRect(): unknown };
            exec(cb: (res: { width: number }[]) => void): void;
          };
          const wx = (window as unknown as { wx: Record<string, (...a: unknown[]) => unknown> }).wx;
          let ticked = false;
          wx.nextTick!(() => {
            ticked = true;
          });
          wx.onThemeChange!(() => undefined);
          const query = wx.createSelectorQuery!() as Query;
          query.select('.box').boundingClientRect();
          query.exec((res) => resolve({ width: res[0]!.width, ticked }));
        }),
    );
    expect(result.width).toBeGreaterThan(300);
    expect(result.ticked).toBe(true);
  });

  test('storage belongs to each member', async () => {
    const frame = (): ReturnType<typeof sim.page.frame> => sim.page.frame({ url: /app\.html/ });
    type Wx = { setStorageSync(k: string, v: unknown): void; getStorageSync(k: string): unknown };
    await frame()!.evaluate(() => (window as unknown as { wx: Wx }).wx.setStorageSync('draft', { title: 'A' }));
    expect(await frame()!.evaluate(() => (window as unknown as { wx: Wx }).wx.getStorageSync('draft'))).toEqual({
      title: 'A',
    });
    await sim.viewAs('Bob');
    expect(await frame()!.evaluate(() => (window as unknown as { wx: Wx }).wx.getStorageSync('draft'))).toBe('');
  });

  test('getGroupEnterInfo answers only when opened from a chat (40097 elsewhere), callbacks only', async () => {
    await sim.viewAs('Alice');
    await sim.showChat(GROUP);
    await sim.openTool();
    const inGroup = await callWx(sim, 'getGroupEnterInfo', { allowSingleChat: true });
    expect(inGroup.errMsg).toBe('getGroupEnterInfo:ok');
    expect(inGroup.cloudID).toEqual(expect.any(String));
    // WeChat documents no Promise style: without callbacks the result is lost.
    expect(
      await frameOf(sim).evaluate(() => typeof (window as unknown as { wx: WxFunctions }).wx.getGroupEnterInfo!({})),
    ).toBe('undefined');
    await sim.showChat('Alice & Bob');
    await sim.openTool();
    expect(await callWx(sim, 'getGroupEnterInfo', {})).toMatchObject({ errno: 40097 });
    expect((await callWx(sim, 'getGroupEnterInfo', { allowSingleChat: true })).errMsg).toBe('getGroupEnterInfo:ok');
    await sim.viewAs('Dave');
    expect(await callWx(sim, 'getGroupEnterInfo', { allowSingleChat: true })).toEqual({
      errMsg: 'getGroupEnterInfo:fail 场景错误: not opened from a chat',
      errno: 40097,
    });
    await sim.viewAs('Alice');
  });

  test('the host opens the main package from a group chat, where getGroupEnterInfo answers', async () => {
    await sim.viewAs('Alice');
    await sim.showChat(GROUP);
    await sim.page.click('#open-launcher');
    await sim.ready();
    await eventually(
      async () => (await sim.page.locator('#phone-caption').innerText()).startsWith(`Alice · ${GROUP} · `),
      true,
    );
    await sim.page.locator('#calls .call.ok[data-api="getGroupEnterInfo"]').first().waitFor();
  });

  test('openChatTool with roomid opens that chat directly and needs its chatType', async () => {
    await sim.viewAs('Dave');
    const group = roomNamed(await sim.chatState(), GROUP);
    const url = '/packageChatTool/pages/playground/index';
    expect(await callWx(sim, 'openChatTool', { url, roomid: group.id })).toEqual({
      errMsg: 'openChatTool:fail chatType is required with roomid',
    });
    expect(await callWx(sim, 'openChatTool', { url, roomid: group.id, chatType: 1 })).toEqual({
      errMsg: "openChatTool:fail chatType 1 is not the chat's type (3)",
    });
    expect((await callWx(sim, 'openChatTool', { url, roomid: group.id, chatType: 3 })).errMsg).toBe('openChatTool:ok');
    await sim.ready();
    expect(await sim.page.locator('.chat-picker').count()).toBe(0);
    await eventually(() => text('wx-text >> text=category:'), 'category:chatTool');
    expect(await sim.page.locator('#phone-caption').innerText()).toBe(
      `Dave · ${GROUP} · /packageChatTool/pages/playground/index`,
    );
    await sim.viewAs('Alice');
  });

  test("selectGroupMembers in a one-to-one chat answers without a picker, as the emulator's reading says", async () => {
    await sim.viewAs('Alice');
    await sim.showChat('Alice & Bob');
    await sim.openTool();
    const state = await sim.chatState();
    const room = roomNamed(state, 'Alice & Bob');
    const idOf = (name: string): string => memberNamed(room, name).groupOpenid;
    const bothParties = state.readings === 'alternate' || state.readings.includes('oneToOneSelection=bothParties');
    const { members } = await callWx(sim, 'selectGroupMembers', {});
    expect(await sim.page.locator('.member-picker').count()).toBe(0);
    expect([...(members as string[])].sort()).toEqual(
      (bothParties ? [idOf('Alice'), idOf('Bob')] : [idOf('Bob')]).sort(),
    );
    await sim.showChat(GROUP);
    await sim.openTool();
  });

  test('the panel switches what msgSecCheck answers and shows the readings profile', async () => {
    expect(await sim.page.locator('#readings').innerText()).toContain((await sim.chatState()).readings);
    for (const setting of ['risky', 'review', 'failing', 'pass'] as const) {
      await sim.page.selectOption('select[data-content-check]', setting);
      await eventually(async () => (await sim.chatState()).contentCheck, setting);
    }
  });

  test('the chat column follows the language switch', async () => {
    await sim.page.selectOption('select[aria-label="Language"]', 'en');
    await sim.ready();
    expect(await sim.page.locator('#open-tool').innerText()).toBe('Open the chat tool');
    expect(await sim.page.locator('#open-launcher').innerText()).toBe('Open the mini program from this chat');
    expect(await sim.page.locator('section.chat').getAttribute('lang')).toBe('en');
    await sim.page.selectOption('select[aria-label="Language"]', 'zh_CN');
    await sim.ready();
    expect(await sim.page.locator('#open-tool').innerText()).toBe('打开聊天工具');
    expect(await sim.page.locator('section.chat').getAttribute('lang')).toBe('zh-CN');
  });

  test('nothing scrolls sideways in a 1024 × 768 window', async () => {
    await sim.page.setViewportSize({ width: 1024, height: 768 });
    const overflow = await sim.page.evaluate(() => {
      const root = document.scrollingElement!;
      return root.scrollWidth - root.clientWidth;
    });
    await sim.page.setViewportSize({ width: 1440, height: 960 });
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('the phone follows the host theme: getAppBaseInfo and prefers-color-scheme', async () => {
    await sim.page.selectOption('select[aria-label="Theme"]', 'dark');
    await sim.ready();
    await sim.openTool();
    const frame = sim.page.frame({ url: /app\.html/ })!;
    expect(
      await frame.evaluate(
        () => (window as unknown as { wx: { getAppBaseInfo(): { theme: string } } }).wx.getAppBaseInfo().theme,
      ),
    ).toBe('dark');
    // Pages' `@media (prefers-color-scheme: dark)` rules follow the phone's theme (see build/wxss.ts).
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const box = sim.phone.locator('wx-page[data-route="packageChatTool/pages/playground/index"] > wx-view').first();
    expect(await box.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(1, 1, 1)');
    // An unchecked radio's ring is drawn dark, not as a white disc.
    const ring = sim.phone.locator('wx-radio[aria-checked="false"] .wxb--radio-icon').first();
    expect(await ring.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(44, 44, 44)');
  });

  test('dark theme: toasts are readable and scrollbars are drawn dark', async () => {
    // The previous test left the theme dark.
    const frame = frameOf(sim);
    await frame.evaluate(() =>
      (window as unknown as { wx: WxFunctions }).wx.showToast!({ title: 'saved', icon: 'none', duration: 5000 }),
    );
    const toast = await frame.evaluate(() => {
      const box = document.querySelector('.toast-box')!;
      return {
        text: getComputedStyle(document.querySelector('.toast-title')!).color,
        box: getComputedStyle(box).backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
      };
    });
    const boxColour = over(parse(toast.box), parse(toast.page));
    expect(contrast(parse(toast.text), boxColour)).toBeGreaterThanOrEqual(4.5);
    // The toast stands out from the dark page behind it.
    expect(contrast(boxColour, parse(toast.page))).toBeGreaterThanOrEqual(1.5);
    expect(await frame.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    expect(await sim.page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
  });
});
