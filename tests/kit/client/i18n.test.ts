// The kit's i18n plumbing: the language WeChat runs in, placeholders, a tool's texts by language.
import { currentLocale, format, localeOf, localized, useWeChat, type WeChat } from 'chat-tool-kit';

const speaking = (language: string) => () => ({ language: () => language }) as unknown as WeChat;

afterEach(() => useWeChat(null));

test.each([
  ['zh_CN', 'zh-CN'],
  ['zh_TW', 'zh-CN'],
  ['zh_HK', 'zh-CN'],
  ['en', 'en'],
  ['en_US', 'en'],
  ['fr', 'en'],
  ['', 'en'],
])('system language %p reads as %p', (language, locale) => {
  expect(localeOf(language)).toBe(locale);
  expect(currentLocale(speaking(language))).toBe(locale);
});

test('format fills placeholders and keeps unknown ones visible', () => {
  expect(format('{done}/{expected}', { done: 2, expected: 5 })).toBe('2/5');
  expect(format('{a} {missing}', { a: 'x' })).toBe('x {missing}');
});

describe('localized texts', () => {
  const texts = localized({ 'zh-CN': { hello: '你好' }, en: { hello: 'Hello' } });

  test('gives the texts of a language', () => {
    expect(texts('zh-CN').hello).toBe('你好');
    expect(texts('en').hello).toBe('Hello');
  });

  test('without one, the texts of the language WeChat runs in, read at each call', () => {
    useWeChat(speaking('en_US')());
    expect(texts().hello).toBe('Hello');
    useWeChat(speaking('zh_CN')());
    expect(texts().hello).toBe('你好');
  });

  test('types: every language needs its texts', () => {
    // @ts-expect-error English is missing
    const partial = localized({ 'zh-CN': { hello: '你好' } });
    expect(partial).toBeInstanceOf(Function);
  });
});
