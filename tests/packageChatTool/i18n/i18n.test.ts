// The group task's texts; the plumbing (language, placeholders) is the kit's (tests/kit/client/i18n.test.ts).
import { CLIENT_FAILURES, useWeChat, type Locale, type WeChat } from 'chat-tool-kit';
import { wordsIn } from '../../../packageChatTool/core/task-words';
import { titleProblem } from '../../../packageChatTool/core/title';
import { failureMessage, messagesFor, type Messages } from '../../../packageChatTool/i18n/texts';

const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');

describe('i18n', () => {
  test('the texts follow the language WeChat runs in', () => {
    useWeChat({ language: () => 'en_US' } as unknown as WeChat);
    expect(messagesFor()).toBe(en);
    useWeChat({ language: () => 'zh_HK' } as unknown as WeChat);
    expect(messagesFor()).toBe(zhCN);
    useWeChat(null);
  });

  test('both languages have the same keys and no empty text', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : Array.isArray(value)
          ? value.length
          : typeof value;
    expect(shape(en)).toEqual(shape(zhCN));
    const texts = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as object).flatMap(texts);
    for (const text of [...texts(en), ...texts(zhCN)]) expect(text.trim()).not.toBe('');
  });

  test('placeholders match between the languages', () => {
    const names = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      const zh = zhCN[key];
      if (typeof zh === 'string') expect([key, names(en[key] as string)]).toEqual([key, names(zh)]);
    }
  });

  test('a failure reads as the server worded it; one without the server as the page words it', () => {
    for (const code of CLIENT_FAILURES) {
      expect(failureMessage(zhCN, { code })).toMatch(/\S/);
      expect(failureMessage(en, { code })).toMatch(/\S/);
    }
    expect(failureMessage(en, { code: 'TASK_FULL', text: 'No places left' })).toBe('No places left');
    expect(failureMessage(zhCN, { code: 'NETWORK' })).toBe('网络不通，请重试');
    // A refusal without words (a server that does not word them) reads as the service failing.
    expect(failureMessage(en, { code: 'TASK_FULL' })).toBe(en.errors.INTERNAL);
  });

  test.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('%s: the title placeholder is a title the rule accepts', (_, t) => {
    expect(titleProblem(t.titlePlaceholder)).toBeNull();
  });

  test.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])("%s: the create form's hints name the buttons members will tap, as the server words them", (locale, t) => {
    const words = wordsIn(locale as Locale);
    expect(t.kindParticipateHint).toContain(words.join);
    expect(t.kindCompleteHint).toContain(words.markDone);
  });

  test('the title rule says what it refuses: spaces and punctuation', () => {
    expect(zhCN.errors.TITLE_CHARACTERS).toMatch(/空格/);
    expect(zhCN.errors.TITLE_CHARACTERS).toMatch(/标点/);
    expect(en.errors.TITLE_CHARACTERS).toMatch(/spaces/);
    expect(en.errors.TITLE_CHARACTERS).toMatch(/punctuation/);
  });

  test('types: a failure without the server but without its text fails to compile', () => {
    const { NETWORK: network, ...withoutOne } = en.errors;
    // @ts-expect-error every client failure (and the title rule the form checks) needs a text in each language
    const english: Messages = { ...en, errors: withoutOne };
    expect([network, english.errors.NETWORK]).toEqual(['No connection; try again', undefined]);
  });
});
