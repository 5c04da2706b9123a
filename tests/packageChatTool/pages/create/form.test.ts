import { format } from 'chat-tool-kit';
import { messagesFor } from '../../../../packageChatTool/i18n/texts';
import {
  checkForm,
  deadlineOf,
  draftOf,
  EMPTY_FORM,
  firstError,
  formView,
  type CreateForm,
} from '../../../../packageChatTool/pages/create/form';

const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');

const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const form = (change: Partial<CreateForm>): CreateForm => ({ ...EMPTY_FORM, title: '周六爬山', ...change });
/** The errors once Publish was tapped: every one. */
const published = (f: CreateForm, t = zhCN) => checkForm(f, NOW, t, true);

describe('create form', () => {
  test('a filled-in form is valid and becomes the draft the server expects', () => {
    const f = form({
      description: '  八点集合 ',
      audience: 'members',
      members: ['g-a', 'g-b'],
      capacity: '10',
      deadlineDate: '2026-11-22',
      deadlineTime: '18:30',
    });
    expect(published(f)).toEqual({ title: '', description: '', audience: '', capacity: '', deadline: '' });
    expect(firstError(published(f), zhCN)).toBeNull();
    expect(draftOf(f)).toEqual({
      title: '周六爬山',
      description: '八点集合',
      kind: 'participate',
      audience: { kind: 'members', memberIds: ['g-a', 'g-b'] },
      capacity: 10,
      deadline: new Date(2026, 10, 22, 18, 30).getTime(),
    });
  });

  test('the title counter counts a Chinese character as 2', () => {
    expect(formView(form({ title: '爬山abc' }), NOW, zhCN, false)).toMatchObject({ titleUsed: 7, titleMax: 30 });
  });

  test.each([
    ['', zhCN.errors.TITLE_EMPTY],
    ['一二三四五六七八九十一二三四五六', zhCN.errors.TITLE_TOO_LONG],
    ['爬山！', zhCN.errors.TITLE_CHARACTERS],
    ['hike 2', zhCN.errors.TITLE_CHARACTERS],
  ])('title %p is refused with a clear message', (title, message) => {
    const errors = published(form({ title }));
    expect(errors.title).toBe(message);
    expect(firstError(errors, zhCN)?.field).toBe('title');
  });

  test('exactly 30 units is fine', () => {
    expect(published(form({ title: '一二三四五六七八九十一二三四五' })).title).toBe('');
  });

  test.each(['0', '501', '2.5', 'abc', '-3'])('capacity %p is refused', (capacity) => {
    expect(published(form({ capacity }), en).capacity).toBe('A whole number from 1 to 500');
  });

  test('capacity is ignored for complete tasks (everyone may complete)', () => {
    const f = form({ kind: 'complete', capacity: '0' });
    expect(published(f).capacity).toBe('');
    expect(draftOf(f).capacity).toBeNull();
  });

  test('a deadline in the past or beyond a year is refused', () => {
    expect(published(form({ deadlineDate: '2026-11-21', deadlineTime: '11:00' })).deadline).toBe(zhCN.deadlineInvalid);
    expect(published(form({ deadlineDate: '2028-01-01' })).deadline).toBe(zhCN.deadlineInvalid);
    expect(published(form({ deadlineDate: '2026-11-21' })).deadline).toBe('');
  });

  test('a date without a time means the end of that day; no date means no deadline', () => {
    expect(deadlineOf('2026-11-22', '')).toBe(new Date(2026, 10, 22, 23, 59).getTime());
    expect(deadlineOf('', '10:00')).toBeNull();
    expect(draftOf(form({})).deadline).toBeNull();
  });

  test('a malformed date or time is refused, never sent as no deadline', () => {
    expect(deadlineOf('2026-11', '')).toBeNaN();
    expect(published(form({ deadlineDate: '2026-11' })).deadline).toBe(zhCN.deadlineInvalid);
    expect(published(form({ deadlineDate: '2026-11-22', deadlineTime: 'soon' })).deadline).toBe(zhCN.deadlineInvalid);
  });

  test('chosen members are required when the task is for chosen members', () => {
    expect(published(form({ audience: 'members' }), en).audience).toBe('Choose at least one member');
    expect(published(form({ audience: 'everyone' }), en).audience).toBe('');
  });

  test('the view counts the members chosen and names the chosen options so (Skyline ignores aria-checked)', () => {
    const view = formView(form({ kind: 'complete', audience: 'members', members: ['g-a'] }), NOW, en, false);
    expect(view.membersLabel).toBe(format(en.changeMembers, { count: 1 }));
    expect(view.kinds).toEqual([
      { value: 'participate', text: en.kindParticipate, chosen: false, label: en.kindParticipate },
      {
        value: 'complete',
        text: en.kindComplete,
        chosen: true,
        label: format(en.optionSelected, { option: en.kindComplete }),
      },
    ]);
    expect(view.audiences.map((option) => option.chosen)).toEqual([false, true]);
    expect(formView(form({}), NOW, en, false).membersLabel).toBe(en.chooseMembers);
  });

  test('the description is checked as it is sent, without the blanks around it', () => {
    expect(published(form({ description: ` ${'x'.repeat(500)}\n` })).description).toBe('');
  });

  test('a long description is refused', () => {
    expect(published(form({ description: 'x'.repeat(501) })).description).toBe('最多 500 个字');
  });

  test('the description counts characters, not UTF-16 units: 500 emoji fit, 501 do not', () => {
    expect(published(form({ description: '😀'.repeat(500) })).description).toBe('');
    expect(published(form({ description: '😀'.repeat(501) }), en).description).toBe('At most 500 characters');
  });

  test('the first error, in the order the form shows its fields, names its field', () => {
    const errors = published(form({ title: '', audience: 'members', capacity: '0' }), en);
    expect(firstError(errors, en)).toEqual({ field: 'title', message: 'Title: Enter a title' });
    const later = published(form({ audience: 'members', capacity: '0' }));
    expect(firstError(later, zhCN)).toEqual({ field: 'audience', message: '参与成员：请至少选择一位成员' });
    expect(firstError(published(form({ capacity: 'x' })), zhCN)?.field).toBe('capacity');
    expect(firstError(published(form({})), zhCN)).toBeNull();
  });

  test('errors show once the user typed or tried to publish', () => {
    const empty = form({ title: '', audience: 'members' });
    expect(checkForm(empty, NOW, zhCN, false)).toMatchObject({ title: '', audience: '' });
    expect(published(empty)).toMatchObject({ title: zhCN.errors.TITLE_EMPTY, audience: zhCN.membersRequired });
    expect(checkForm(form({ title: '爬山!' }), NOW, zhCN, false).title).toBe(zhCN.errors.TITLE_CHARACTERS);
    expect(checkForm(form({ capacity: '0' }), NOW, zhCN, false).capacity).not.toBe('');
  });
});
