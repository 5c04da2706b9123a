/**
 * @jest-environment jsdom
 */
import type { Mounted } from '../../../harness/glass-easel';
import { useWeChat } from 'chat-tool-kit';
import { fakeWeChat, installFakes, type FakeTaskService, type FakeWeChat } from '../../helpers/fakes';
import { cardShare, failedCall, taskView } from '../../helpers/samples';
import { TASK_FIELD_NAMES } from '../../../../packageChatTool/core/task-fields';
import { CARD_IMAGE } from '../../../../packageChatTool/core/api';
import { formatDate } from '../../../../packageChatTool/view/time';
import { expectAccessible, fire, openPage, tapAndSettle } from '../../helpers/glass-easel';

const PAGE = 'packageChatTool/pages/create/index';
let platform: FakeWeChat;
let service: FakeTaskService;

beforeEach(() => {
  ({ platform, service } = installFakes());
});

const mountPage = (path: string) => openPage(path, {}, { memberNames: { 'g-alice': 'Alice', 'g-bob': 'Bob' } });
const type = (page: Mounted, selector: string, value: string) => page.type(selector, value);
const tap = tapAndSettle;

describe('create page', () => {
  test('renders whole from its first frame: no list is drawn before the options it lists are set', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await mountPage(PAGE);
      expect(warn.mock.calls.flat().filter((said) => /for-list data/.test(String(said)))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  test('counts title units live and flags a bad title as the user types', async () => {
    const page = await mountPage(PAGE);
    expect(page.text('.counter')).toBe('0/30');
    expect(page.query('.title-error')).toBeNull();
    type(page, '.title-input', '周六爬山');
    expect(page.text('.counter')).toBe('8/30');
    type(page, '.title-input', '周六爬山!');
    expect(page.text('.title-error')).toBe('标题只能有汉字、字母和数字，不能有空格或标点');
    expect(page.attribute('.counter', 'aria-label')).toBe('已用 9/30 字符（汉字算 2 个）');
  });

  test('publishing an empty form shows what is missing and calls nobody', async () => {
    platform.language.mockReturnValue('en');
    const page = await mountPage(PAGE);
    await tap(page, '.publish');
    expect(page.text('.title-error')).toBe('Enter a title');
    expect(service.createTask).not.toHaveBeenCalled();
  });

  test('publishing an invalid form scrolls to the first error and says what is wrong', async () => {
    const page = await mountPage(PAGE);
    type(page, '.title-input', '周六爬山');
    type(page, '.capacity-input', '0');
    await tap(page, '.audience-members');
    platform.selectGroupMembers.mockResolvedValue([]);
    await tap(page, '.choose-members');
    await tap(page, '.publish');
    expect(service.createTask).not.toHaveBeenCalled();
    expect(page.text('.toptips')).toBe('参与成员：请至少选择一位成员');
    expect(page.attribute('.scroll', 'scroll-into-view')).toBe('field-audience');
    expect(page.query('#field-audience')).not.toBeNull();
    // The button keeps working: the next tap scrolls again to what is still wrong.
    await tap(page, '.audience-everyone');
    await tap(page, '.publish');
    expect(page.text('.toptips')).toBe('人数上限：须为 1 到 500 的整数');
    expect(page.attribute('.scroll', 'scroll-into-view')).toBe('field-capacity');
    expect(page.query('#field-capacity')).not.toBeNull();
    expect(page.query('.publish.disabled')).toBeNull();
  });

  test('each task field has its anchor, for the errors that point at it', async () => {
    const page = await mountPage(PAGE);
    for (const field of TASK_FIELD_NAMES) {
      expect([field, page.query(`#field-${field}`)]).toEqual([field, expect.anything()]);
    }
  });

  test('creates the task, posts the card, then opens the task page', async () => {
    service.createTask.mockResolvedValue({ ok: true, data: { task: taskView({ id: 't7' }), share: cardShare() } });
    const page = await mountPage(PAGE);
    type(page, '.title-input', '周六爬山');
    await tap(page, '.kind-complete');
    await tap(page, '.publish');
    expect(service.createTask).toHaveBeenCalledWith({
      task: {
        title: '周六爬山',
        description: '',
        kind: 'complete',
        audience: { kind: 'everyone' },
        capacity: null,
        deadline: null,
      },
    });
    expect(platform.publishCard).toHaveBeenCalledWith(cardShare(), CARD_IMAGE);
    expect(platform.redirectTo).toHaveBeenCalledWith('/packageChatTool/pages/task/index?taskId=t7');
  });

  test('chosen members come from wx.selectGroupMembers and are shown with open data', async () => {
    service.createTask.mockResolvedValue({ ok: true, data: { task: taskView(), share: cardShare() } });
    const page = await mountPage(PAGE);
    await tap(page, '.audience-members');
    expect(platform.selectGroupMembers).toHaveBeenCalled();
    expect(page.text('.chosen-members')).toBe('avatar:g-aliceAliceavatar:g-bobBob');
    expect(page.text('.choose-members')).toBe('重新选择（已选 2 人）');
    type(page, '.title-input', '周六爬山');
    type(page, '.capacity-input', '5');
    await tap(page, '.publish');
    expect(service.createTask.mock.calls[0][0].task).toMatchObject({
      audience: { kind: 'members', memberIds: ['g-alice', 'g-bob'] },
      capacity: 5,
    });
  });

  test('cancelling the member picker changes nothing and says nothing', async () => {
    platform.selectGroupMembers.mockRejectedValue({ errMsg: 'selectGroupMembers:fail cancel' });
    const page = await mountPage(PAGE);
    await tap(page, '.audience-members');
    expect(page.instance.data).toMatchObject({ error: '', form: { audience: 'everyone' } });
  });

  test('a failed member picker shows a message', async () => {
    platform.selectGroupMembers.mockRejectedValue({ errMsg: 'selectGroupMembers:fail system error' });
    const page = await mountPage(PAGE);
    await tap(page, '.audience-members');
    expect(page.instance.data.error).toBe('微信没有完成这个操作，请重试');
  });

  test('members are required before publishing for chosen members', async () => {
    platform.selectGroupMembers.mockResolvedValue([]);
    const page = await mountPage(PAGE);
    type(page, '.title-input', '周六爬山');
    await tap(page, '.audience-members');
    await tap(page, '.publish');
    expect(page.text('.members-error')).toBe('请至少选择一位成员');
    expect(service.createTask).not.toHaveBeenCalled();
  });

  test('a deadline from the pickers is sent; clearing removes it', async () => {
    service.createTask.mockResolvedValue({ ok: true, data: { task: taskView(), share: cardShare() } });
    const page = await mountPage(PAGE);
    type(page, '.title-input', 'hike');
    fire(page, '.date-picker', 'change', { value: '2099-01-01' });
    expect(page.text('.deadline-error')).toBe('须在 1 分钟到 1 年之内');
    await tap(page, '.clear-deadline');
    expect(page.query('.deadline-error')).toBeNull();
    await tap(page, '.publish');
    expect(service.createTask.mock.calls[0][0].task.deadline).toBeNull();
  });

  test('each picker sets its part of the deadline, which is sent as that local time', async () => {
    service.createTask.mockResolvedValue({ ok: true, data: { task: taskView(), share: cardShare() } });
    const page = await mountPage(PAGE);
    type(page, '.title-input', 'hike');
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    fire(page, '.date-picker', 'change', { value: formatDate(tomorrow.getTime()) });
    fire(page, '.time-picker', 'change', { value: '18:30' });
    expect(page.text('.time-picker')).toBe('18:30');
    await tap(page, '.publish');
    expect(service.createTask.mock.calls[0][0].task.deadline).toBe(
      new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), 18, 30).getTime(),
    );
  });

  test.each([
    ['TASK_FULL', 'zh_CN', '名额已满'],
    ['NETWORK', 'en', 'No connection; try again'],
    ['CHAT_PROOF_EXPIRED', 'en', 'Could not confirm your chat; reopen Group Tasks'],
  ])('a server failure %s is explained (%s) and the form stays usable', async (code, language, message) => {
    platform.language.mockReturnValue(language);
    service.createTask.mockResolvedValue(failedCall(code, language));
    const page = await mountPage(PAGE);
    type(page, '.title-input', 'hike');
    await tap(page, '.publish');
    expect(page.instance.data).toMatchObject({ error: message, publishing: false, form: { title: 'hike' } });
    expect(page.text('.toptips')).toBe(message);
    expect(platform.publishCard).not.toHaveBeenCalled();
  });

  test('when the card cannot be posted, the task page opens and offers to send it again', async () => {
    service.createTask.mockResolvedValue({ ok: true, data: { task: taskView({ id: 't7' }), share: cardShare() } });
    platform.publishCard.mockRejectedValue({ errMsg: 'shareAppMessageToGroup:fail cancel' });
    const page = await mountPage(PAGE);
    type(page, '.title-input', 'hike');
    await tap(page, '.publish');
    expect(platform.redirectTo).toHaveBeenCalledWith('/packageChatTool/pages/task/index?taskId=t7&unposted=1');
  });

  test.each([
    [1, 'zh_CN', '单聊里，任务给对方。'],
    [2, 'en', 'In a one-to-one chat the task is for the other person.'],
  ])('a one-to-one chat (chat_type %s) offers no audience choice (%s)', async (chatType, language, line) => {
    platform.language.mockReturnValue(language);
    service.resolveChat.mockResolvedValue({ ok: true, data: { roomId: 'r1', chatType } });
    service.createTask.mockResolvedValue({ ok: true, data: { task: taskView(), share: cardShare() } });
    // A reading of the documents: both parties, the creator included (docs/platform.md).
    platform.selectGroupMembers.mockResolvedValue(['g-creator', 'g-bob']);
    const page = await mountPage(PAGE);
    expect(service.resolveChat).toHaveBeenCalled();
    expect(page.queryAll('.option')).toHaveLength(2);
    expect(page.query('.audience-members')).toBeNull();
    expect(page.query('.audience-everyone')).toBeNull();
    expect(page.text('.audience-other-person')).toContain(line);
    // Nobody is shown as chosen, the creator least of all.
    expect(page.query('.chosen-members')).toBeNull();
    type(page, '.title-input', 'hike');
    await tap(page, '.publish');
    expect(platform.selectGroupMembers).toHaveBeenCalledTimes(1);
    // The server drops the creator from the audience it receives.
    expect(service.createTask.mock.calls[0][0].task).toMatchObject({
      audience: { kind: 'members', memberIds: ['g-creator', 'g-bob'] },
    });
  });

  test('in a one-to-one chat where WeChat does not answer, the choice is offered', async () => {
    service.resolveChat.mockResolvedValue({ ok: true, data: { roomId: 'r1', chatType: 1 } });
    platform.selectGroupMembers.mockRejectedValue({ errMsg: 'selectGroupMembers:fail' });
    const page = await mountPage(PAGE);
    expect(page.query('.audience-members')).not.toBeNull();
    expect(page.query('.audience-other-person')).toBeNull();
  });

  test('a group chat offers the choice; so does a chat the server could not tell', async () => {
    service.resolveChat.mockResolvedValue({ ok: true, data: { roomId: 'r1', chatType: 3 } });
    const group = await mountPage(PAGE);
    expect(group.query('.audience-members')).not.toBeNull();
    expect(group.query('.audience-other-person')).toBeNull();
    service.resolveChat.mockResolvedValue({ ok: false, code: 'NETWORK' });
    const unknown = await mountPage(PAGE);
    expect(unknown.query('.audience-members')).not.toBeNull();
  });

  test('every control has a role and a label, in English too', async () => {
    platform.language.mockReturnValue('en');
    const page = await mountPage(PAGE);
    for (const selector of [
      '.title-input',
      '.description-input',
      '.option',
      '.capacity-input',
      '.picker',
      '.publish',
    ]) {
      expectAccessible(page, selector);
    }
    expect(page.text('.publish')).toBe('Send to the chat');
  });
});

test('options carry their name and, when selected, "selected" as label (Skyline ignores aria-checked) and their state in aria-checked', async () => {
  useWeChat(fakeWeChat({ language: () => 'en' }));
  const page = await openPage('packageChatTool/pages/create/index');
  expect(page.attribute('.kind-participate', 'aria-label')).toBe('Sign up, selected');
  expect(page.attribute('.kind-complete', 'aria-label')).toBe('Check off');
  // glass-easel writes a true boolean attribute as present and a false one as absent.
  expect(page.attribute('.kind-participate', 'aria-checked')).not.toBeNull();
  expect(page.attribute('.kind-complete', 'aria-checked')).toBeNull();
  await tapAndSettle(page, '.kind-complete');
  expect(page.attribute('.kind-complete', 'aria-checked')).not.toBeNull();
  expect(page.attribute('.kind-participate', 'aria-checked')).toBeNull();
  expect(page.attribute('.kind-complete', 'aria-label')).toBe('Check off, selected');
  expect(page.attribute('.kind-participate', 'aria-label')).toBe('Sign up');
  expect(page.text('.kind-complete')).toBe('Check off');
  expect(page.attribute('.audience-everyone', 'aria-label')).toBe('Everyone in the chat, selected');
  await tapAndSettle(page, '.audience-members');
  expect(page.attribute('.audience-members', 'aria-label')).toBe('Chosen members, selected');
  expect(page.attribute('.audience-everyone', 'aria-label')).toBe('Everyone in the chat');
});
