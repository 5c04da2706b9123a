// The kit's i18n plumbing: the language WeChat runs in, placeholders, a tool's texts by language.
import { currentLocale, format, localeOf, text, texts, useWeChat, type WeChat } from 'chat-tool-kit';

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

describe('texts side by side', () => {
  const messages = texts({
    hello: text('你好', 'Hello'),
    steps: text(['一', '二'], ['one', 'two']),
    errors: { NETWORK: text('网络不通', 'No network') },
  });

  test('each leaf becomes the text of the language asked for, groups kept', () => {
    expect(messages('zh-CN')).toEqual({ hello: '你好', steps: ['一', '二'], errors: { NETWORK: '网络不通' } });
    expect(messages('en')).toEqual({ hello: 'Hello', steps: ['one', 'two'], errors: { NETWORK: 'No network' } });
  });

  test('without a language, the one WeChat runs in; each language is picked once', () => {
    useWeChat(speaking('en_US')());
    expect(messages().hello).toBe('Hello');
    expect(messages()).toBe(messages('en'));
    useWeChat(speaking('zh_CN')());
    expect(messages().hello).toBe('你好');
  });

  test('a leaf that is not text(zh-CN, en) is refused', () => {
    expect(() => texts({ hello: 'Hello' })('en')).toThrow('a leaf must be text(zh-CN, en)');
  });

  test('types: a text needs both languages, of one type', () => {
    // @ts-expect-error English is missing
    const half = text('你好');
    // @ts-expect-error a list in one language and a text in the other
    const mixed = text(['一'], 'one');
    expect([half, mixed]).toHaveLength(2);
  });
});
