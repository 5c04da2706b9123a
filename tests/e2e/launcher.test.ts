// The launcher (the main package's page) in the simulator: opened from a chat, it opens the chat tool bound to
// that chat (wx.getGroupEnterInfo → resolveChat → wx.openChatTool({ url, roomid, chatType })) without the chat
// picker; opened anywhere else, the picker as before.
import { messagesFor } from '../../packageChatTool/i18n/texts';

import { launcherTexts } from '../../miniprogram/utils/i18n';
import { describeWithBrowser, eventually, simulatorTests, type Simulator } from './harness';

const zh = messagesFor('zh-CN');
const en = messagesFor('en');

jest.setTimeout(120_000);

const GROUP = '周末爬山群 Hiking group';
const ONE_TO_ONE = 'Alice & Bob';

/** wx.getApiCategory() in the phone: 'chatTool' once the tool runs bound to a chat. */
async function apiCategory(sim: Simulator): Promise<string> {
  return sim.page
    .frame({ url: /app\.html/ })!
    .evaluate(() => (window as unknown as { wx: { getApiCategory(): string } }).wx.getApiCategory());
}

/** Opens the main package's launcher from the chat now shown ("open the mini program here"). */
async function openLauncherHere(sim: Simulator): Promise<void> {
  await sim.page.click('#open-launcher');
  await sim.ready();
}

describeWithBrowser('launcher in the simulator', () => {
  const test = simulatorTests();

  test('opened from a group chat: "open in this chat" opens the tool bound to that group, no picker', async (sim) => {
    const texts = launcherTexts('zh_CN');
    await sim.viewAs('Dave');
    await sim.showChat(GROUP);
    await openLauncherHere(sim);
    await sim.phone.locator('wx-button').getByText(texts.openHere).waitFor();
    expect(await apiCategory(sim)).toBe('default');
    await sim.phone.locator('wx-button').getByText(texts.openHere).click();
    await sim.ready();
    expect(await sim.page.locator('.chat-picker').count()).toBe(0);
    await sim.byRole('button', zh.createTask).waitFor();
    expect(await apiCategory(sim)).toBe('chatTool');
    await eventually(
      () => sim.page.locator('#phone-caption').innerText(),
      `Dave · ${GROUP} · /packageChatTool/pages/entry/index`,
    );
    expect(sim.errors).toEqual([]);
  });

  test('opened from a one-to-one chat: the tool opens in that chat (open_single_roomid, chatType 1)', async (sim) => {
    await sim.viewAs('Alice');
    await sim.showChat(ONE_TO_ONE);
    await openLauncherHere(sim);
    const button = sim.phone.locator('wx-button').getByText(launcherTexts('zh_CN').openHere);
    await button.click();
    await sim.ready();
    expect(await sim.page.locator('.chat-picker').count()).toBe(0);
    await eventually(
      () => sim.page.locator('#phone-caption').innerText(),
      `Alice · ${ONE_TO_ONE} · /packageChatTool/pages/entry/index`,
    );
    expect(sim.errors).toEqual([]);
  });

  test('opened from a chat, in English', async (sim) => {
    await sim.page.selectOption('select[aria-label="Language"]', 'en');
    await sim.ready();
    await sim.viewAs('Bob');
    await sim.showChat(GROUP);
    await openLauncherHere(sim);
    await sim.phone.locator('wx-button').getByText(launcherTexts('en').openHere).click();
    await sim.ready();
    await sim.byRole('button', en.createTask).waitFor();
    await eventually(
      () => sim.page.locator('#phone-caption').innerText(),
      `Bob · ${GROUP} · /packageChatTool/pages/entry/index`,
    );
  });

  test('opened anywhere else: getGroupEnterInfo fails (40097) and the button opens the chat picker', async (sim) => {
    await sim.viewAs('Dave');
    const button = sim.phone.locator('wx-button').getByText(launcherTexts('zh_CN').open);
    await button.waitFor();
    await button.click();
    await sim.page.locator('.chat-picker').waitFor();
    await sim.page.click(`.chat-picker [data-room-name="${GROUP}"]`);
    await sim.ready();
    await sim.byRole('button', zh.createTask).waitFor();
    expect(sim.errors).toEqual([]);
  });
});
