import { messagesFor } from '../../../../packageChatTool/i18n/index';
import {
  checkForm,
  deadlineOf,
  draftOf,
  EMPTY_FORM,
  firstError,
  shownErrors,
  type CreateForm,
} from '../../../../packageChatTool/pages/create/form';

const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');

const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const form = (change: Partial<CreateForm>): CreateForm => ({ ...EMPTY_FORM, title: '周六爬山', ...change });

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
    expect(checkForm(f, NOW, zhCN).valid).toBe(true);
    expect(draftOf(f)).toEqual({
      title: '周六爬山',
      description: '八点集合',
      kind: 'participate',
      audience: { kind: 'members', groupOpenids: ['g-a', 'g-b'] },
      capacity: 10,
      deadline: new Date(2026, 10, 22, 18, 30).getTime(),
    });
  });

  test('the title counter counts a Chinese character as 2', () => {
    expect(checkForm(form({ title: '爬山abc' }), NOW, zhCN)).toMatchObject({ titleUsed: 7, titleMax: 30 });
  });

  test.each([
    ['', zhCN.errors.TITLE_EMPTY],
    ['一二三四五六七八九十一二三四五六', zhCN.errors.TITLE_TOO_LONG],
    ['爬山！', zhCN.errors.TITLE_CHARACTERS],
    ['hike 2', zhCN.errors.TITLE_CHARACTERS],
  ])('title %p is refused with a clear message', (title, message) => {
    const check = checkForm(form({ title }), NOW, zhCN);
    expect(check.titleError).toBe(message);
    expect(check.valid).toBe(false);
  });

  test('exactly 30 units is fine', () => {
    expect(checkForm(form({ title: '一二三四五六七八九十一二三四五' }), NOW, zhCN).titleError).toBe('');
  });

  test.each(['0', '501', '2.5', 'abc', '-3'])('capacity %p is refused', (capacity) => {
    expect(checkForm(form({ capacity }), NOW, en).capacityError).toBe('Capacity must be a whole number from 1 to 500');
  });

  test('capacity is ignored for complete tasks (everyone may complete)', () => {
    const f = form({ kind: 'complete', capacity: '0' });
    expect(checkForm(f, NOW, zhCN).capacityError).toBe('');
    expect(draftOf(f).capacity).toBeNull();
  });

  test('a deadline in the past or beyond a year is refused', () => {
    expect(checkForm(form({ deadlineDate: '2026-11-21', deadlineTime: '11:00' }), NOW, zhCN).deadlineError).toBe(
      zhCN.deadlineInvalid,
    );
    expect(checkForm(form({ deadlineDate: '2028-01-01' }), NOW, zhCN).deadlineError).toBe(zhCN.deadlineInvalid);
    expect(checkForm(form({ deadlineDate: '2026-11-21' }), NOW, zhCN).deadlineError).toBe('');
  });

  test('a date without a time means the end of that day; no date means no deadline', () => {
    expect(deadlineOf('2026-11-22', '')).toBe(new Date(2026, 10, 22, 23, 59).getTime());
    expect(deadlineOf('', '10:00')).toBeNull();
    expect(draftOf(form({})).deadline).toBeNull();
  });

  test('chosen members are required when the task is for chosen members', () => {
    expect(checkForm(form({ audience: 'members' }), NOW, en).membersError).toBe('Choose at least one member');
    expect(checkForm(form({ audience: 'everyone' }), NOW, en).membersError).toBe('');
  });

  test('a long description is refused', () => {
    expect(checkForm(form({ description: 'x'.repeat(501) }), NOW, zhCN).descriptionError).toBe('说明最多 500 个字');
  });

  test('the description counts characters, not UTF-16 units: 500 emoji fit, 501 do not', () => {
    expect(checkForm(form({ description: '😀'.repeat(500) }), NOW, zhCN).descriptionError).toBe('');
    expect(checkForm(form({ description: '😀'.repeat(501) }), NOW, en).descriptionError).toBe('At most 500 characters');
  });

  test('the first error, in the order the form shows its fields, names its field', () => {
    const check = checkForm(form({ title: '', audience: 'members', capacity: '0' }), NOW, en);
    expect(firstError(check, en)).toEqual({ field: 'title', message: 'Title: Enter a title' });
    const later = checkForm(form({ audience: 'members', capacity: '0' }), NOW, zhCN);
    expect(firstError(later, zhCN)).toEqual({ field: 'audience', message: '参与成员：请至少选择一位成员' });
    expect(firstError(checkForm(form({ capacity: 'x' }), NOW, zhCN), zhCN)?.field).toBe('capacity');
    expect(firstError(checkForm(form({}), NOW, zhCN), zhCN)).toBeNull();
  });

  test('errors show once the user typed or tried to publish', () => {
    const empty = form({ title: '', audience: 'members' });
    const check = checkForm(empty, NOW, zhCN);
    expect(shownErrors(check, empty, false)).toMatchObject({ titleError: '', membersError: '' });
    expect(shownErrors(check, empty, true)).toMatchObject({
      titleError: zhCN.errors.TITLE_EMPTY,
      membersError: zhCN.membersRequired,
    });
    const typed = form({ title: '爬山!' });
    expect(shownErrors(checkForm(typed, NOW, zhCN), typed, false).titleError).toBe(zhCN.errors.TITLE_CHARACTERS);
  });
});
