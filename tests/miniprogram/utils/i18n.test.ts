import appJson from '../../../app.json';
import { CHAT_TOOL_ENTRY_URL } from '../../../miniprogram/utils/chat-tool-entry';
import { isChinese, launcherTexts, supportMessage } from '../../../miniprogram/utils/i18n';
import { CHAT_TOOL_BASE_LIBRARY, MIN_BASE_LIBRARY, MIN_WECHAT } from '../../../miniprogram/utils/version';

test('Chinese for any zh language, English otherwise', () => {
  expect(isChinese('zh_CN')).toBe(true);
  expect(isChinese('zh_TW')).toBe(true);
  expect(isChinese('en')).toBe(false);
  expect(launcherTexts('zh_CN').open).toBe('在群聊中打开');
  expect(launcherTexts('fr').open).toBe('Open in a group chat');
});

test('both languages have the same texts', () => {
  const zh = launcherTexts('zh_CN');
  const en = launcherTexts('en');
  expect(Object.keys(zh)).toEqual(Object.keys(en));
  expect(zh.steps).toHaveLength(en.steps.length);
  expect(zh.stepsHere).toHaveLength(en.stepsHere.length);
});

test('the requirements name every minimum the launcher checks', () => {
  for (const language of ['zh_CN', 'en']) {
    const { requirements } = launcherTexts(language);
    for (const version of [MIN_WECHAT, MIN_BASE_LIBRARY, CHAT_TOOL_BASE_LIBRARY])
      expect(requirements).toContain(version);
    expect(requirements).toContain('Skyline');
  }
});

test('too-old messages name the component and both versions', () => {
  const tooOld = { supported: false, component: 'weChat', current: '8.0.50', required: '8.0.56' } as const;
  expect(supportMessage(tooOld, 'zh_CN')).toContain('微信版本 8.0.50 过低');
  expect(supportMessage(tooOld, 'zh_CN')).toContain('8.0.56');
  expect(supportMessage({ ...tooOld, component: 'baseLibrary' }, 'en')).toMatch(/base library \(8\.0\.50\).*8\.0\.56/);
  expect(supportMessage({ supported: true }, 'en')).toBe('');
});

test('the launcher opens the chat tool entry page that app.json declares', () => {
  const [chatTool] = appJson.chatTools;
  expect(CHAT_TOOL_ENTRY_URL).toBe(`/${chatTool!.root}/${chatTool!.entryPagePath}`);
});
