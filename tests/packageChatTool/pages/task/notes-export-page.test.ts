/**
 * @jest-environment jsdom
 */
// The task page's note, export and celebration (issue 12) through the real WeChat adapter over the wx mock: the
// note typed before signing up and edited after, its refusal in the server's words, the list written as a file
// under USER_DATA_PATH and sent in the next tap, and the celebration's sticker drawn in <snapshot>. Each send is
// called within its tap: nothing is awaited before it.
import type { Mounted } from '../../../harness/glass-easel';
import { installWxMock, type WxMock } from '../../../harness/wx-mock';
import { createWeChat, useWeChat } from 'chat-tool-kit';
import type { FakeTaskService } from '../../helpers/fakes';
import { expectAccessible, fire, settle, tapAndSettle as tap, until } from '../../helpers/glass-easel';
import { CREATOR, NOW, refusal, taskView } from '../../helpers/samples';
import { taskPageTests } from '../../helpers/task-page';
import type { ParticipantView, TaskView } from '../../../../packageChatTool/core/api';

const USER_DATA_PATH = 'wxfile://usr';
const ENTRANCE = '/packageChatTool/pages/entry/index?taskId=t1';

const taskPage = taskPageTests();
let mock: WxMock;
let service: FakeTaskService;
let written: jest.Mock;

beforeEach(() => {
  service = taskPage.service();
});

async function open(task: TaskView, language = 'zh_CN'): Promise<Mounted> {
  service.getTask.mockResolvedValue({ ok: true, data: task });
  mock = installWxMock({ language });
  written = jest.fn();
  // The page writes the file through the global wx, as on a phone.
  Object.assign((globalThis as unknown as { wx: object }).wx, {
    env: { USER_DATA_PATH },
    getFileSystemManager: () => ({ writeFileSync: written }),
  });
  useWeChat(createWeChat(mock.wx as unknown as WechatMiniprogram.Wx));
  return taskPage.open({ memberNames: { 'g-alice': 'Alice', 'g-bob': 'Bob' } });
}

const entries = (notes: Record<string, string>): { items: ParticipantView[]; next: null } => ({
  items: Object.entries(notes).map(([memberId, note]) => ({ memberId, at: NOW, note })),
  next: null,
});

/** Bob, signed up with a note, who may leave and so edit it. */
const bobJoined = (note: string) =>
  taskView(
    { participants: entries({ 'g-alice': '带水', 'g-bob': note }) },
    { status: 'done', cardText: '已参与', note, can: { ...taskView().viewer.can, join: false, leave: true } },
  );

const type = (p: Mounted, value: string) => fire(p, '.note-input', 'input', { value });

describe('the note', () => {
  test('typed beside the sign-up button, counted as the server counts, and sent with the sign-up', async () => {
    const p = await open(taskView());
    expect(p.attribute('.note-input', 'placeholder')).toBe('备注（选填，一行，最多 20 字）');
    expect(p.attribute('.note-input', 'aria-label')).toBe('备注（选填，一行，最多 20 字）');
    // Four-byte characters count one each (code points), as the server's countCharacters does.
    type(p, '+2，素食𠀀');
    await settle();
    expect(p.text('.counter')).toBe('6/20');
    service.join.mockResolvedValue({ ok: true, data: bobJoined('+2，素食𠀀') });
    await tap(p, '.join');
    expect(service.join).toHaveBeenCalledWith({ taskId: 't1', note: '+2，素食𠀀' });
    expect(p.text('.participants')).toContain('Bob+2，素食𠀀');
    expect(p.text('.participants')).toContain('Alice带水');
  });

  test('past the rule the counter turns to the error colour; the server words the refusal', async () => {
    const p = await open(taskView());
    type(p, '一'.repeat(21));
    await settle();
    expect(p.text('.counter.error')).toBe('21/20');
    service.join.mockResolvedValue(refusal('NOTE_TOO_LONG'));
    await tap(p, '.join');
    expect((p.instance.data as { error: string }).error).toBe('备注太长了');
  });

  test('a participant edits their own note: the input starts from it and "save note" sends it', async () => {
    const p = await open(bobJoined('+1'));
    expect(p.attribute('.note-input', 'value')).toBe('+1');
    expect(p.text('.counter')).toBe('2/20');
    expectAccessible(p, '.setNote');
    type(p, '+3，两个孩子');
    service.setNote.mockResolvedValue({ ok: true, data: bobJoined('+3，两个孩子') });
    await tap(p, '.setNote');
    expect(service.setNote).toHaveBeenCalledWith({ taskId: 't1', note: '+3，两个孩子' });
    expect(mock.wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '你已参与' }));
    expect(p.text('.participants')).toContain('Bob+3，两个孩子');
  });

  test('a participant beyond the first page finds their own note in the input: the answer carries it', async () => {
    const p = await open(
      taskView(
        { participants: { items: entries({ 'g-alice': '带水', 'g-carol': '' }).items, next: 'c2' } },
        { status: 'done', note: '+1', can: { ...taskView().viewer.can, join: false, leave: true } },
      ),
    );
    expect(p.attribute('.note-input', 'value')).toBe('+1');
    expect(p.text('.counter')).toBe('2/20');
  });

  test('a refused note shows the server’s words and keeps the old note', async () => {
    const p = await open(bobJoined('+1'));
    type(p, '违规内容');
    service.setNote.mockResolvedValue(refusal('CONTENT_RISKY', 'en'));
    await tap(p, '.setNote');
    expect((p.instance.data as { error: string }).error).toBe('The content check refused the text; change it');
    expect(service.getTask).toHaveBeenCalledTimes(2);
    expect(p.text('.participants')).toContain('Bob+1');
    expect(p.attribute('.note-input', 'value')).toBe('+1');
  });

  test('the creator and everyone else see every note; nobody without a place to take has an input', async () => {
    const p = await open(taskView({ participants: entries({ 'g-alice': '带水', 'g-bob': '+2' }) }, CREATOR));
    expect(p.text('.participants')).toContain('Alice带水');
    expect(p.text('.participants')).toContain('Bob+2');
    expect(p.query('.note-input')).toBeNull();
    expect(p.query('.setNote')).toBeNull();
  });
});

describe('the export', () => {
  const csv = '\ufeff# WeChat gives mini programs no member names\nstate,member,time,note\n';

  test('writes the CSV under USER_DATA_PATH, then the send tap shares the file at once', async () => {
    const p = await open(taskView({}, CREATOR));
    service.exportTask.mockResolvedValue({ ok: true, data: { fileName: '周六爬山.csv', csv } });
    expectAccessible(p, '.exportTask');
    await tap(p, '.exportTask');
    expect(service.exportTask).toHaveBeenCalledWith({ taskId: 't1' });
    expect(written).toHaveBeenCalledWith(`${USER_DATA_PATH}/周六爬山.csv`, csv, 'utf8');
    expect(p.text('.outbox .label')).toBe('周六爬山.csv');
    expect(p.query('#progress-image')).toBeNull();
    expectAccessible(p, '.send');
    // Within the tap: WeChat is called before anything is awaited.
    p.tap('.send');
    expect(mock.wx.shareFileToGroup).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: `${USER_DATA_PATH}/周六爬山.csv`,
        fileName: '周六爬山.csv',
        entrancePath: ENTRANCE,
      }),
    );
    await settle();
    expect(p.query('.outbox')).toBeNull();
    expect(mock.wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已发送' }));
  });

  test('a refusal shows the server’s words and prepares nothing', async () => {
    const p = await open(taskView({}, CREATOR));
    service.exportTask.mockResolvedValue(refusal('NOT_CREATOR'));
    await tap(p, '.exportTask');
    expect((p.instance.data as { error: string }).error).toBe('只有发布者可以这样做');
    expect(written).not.toHaveBeenCalled();
    expect(p.query('.outbox')).toBeNull();
  });

  test('a file that cannot be written is WeChat failing; a send WeChat refuses keeps the file ready', async () => {
    const p = await open(taskView({}, CREATOR));
    service.exportTask.mockResolvedValue({ ok: true, data: { fileName: 'a.csv', csv } });
    written.mockImplementationOnce(() => {
      throw new Error('writeFileSync:fail the maximum size of the file storage limit is exceeded');
    });
    await tap(p, '.exportTask');
    expect((p.instance.data as { error: string }).error).toBe('微信没有完成这个操作，请重试');
    expect(p.query('.outbox')).toBeNull();
    await tap(p, '.exportTask');
    (mock.wx.shareFileToGroup as jest.Mock).mockRejectedValueOnce({ errMsg: 'shareFileToGroup:fail' });
    await tap(p, '.send');
    expect((p.instance.data as { error: string }).error).toBe('微信没有完成这个操作，请重试');
    expect(p.query('.outbox')).not.toBeNull();
  });
});

describe('the celebration', () => {
  const reached = () =>
    taskView({ kind: 'complete', state: 'ended' }, { ...CREATOR, can: { ...CREATOR.can, celebrate: true } }, 'en');

  test('offered only when the task reached everyone; drawn in <snapshot> and sent as a sticker within the tap', async () => {
    const p = await open(reached(), 'en');
    expect(p.text('.celebrate')).toBe('Send a celebration');
    expectAccessible(p, '.celebrate');
    await tap(p, '.celebrate');
    const outbox = () => (p.instance.data as { outbox: { options: { imagePath: string } | null } | null }).outbox;
    await until(() => Boolean(outbox()?.options));
    expect(p.text('.progress-image .heading')).toBe('🎉 周六爬山');
    const path = outbox()?.options?.imagePath;
    p.tap('.send');
    expect(mock.wx.shareEmojiToGroup).toHaveBeenCalledWith(
      expect.objectContaining({ imagePath: path, entrancePath: ENTRANCE }),
    );
    expect(mock.wx.shareImageToGroup).not.toHaveBeenCalled();
    await settle();
    expect(p.query('.outbox')).toBeNull();
  });

  test('a task that has not reached everyone offers none', async () => {
    const p = await open(taskView({ kind: 'complete' }, CREATOR));
    expect(p.query('.celebrate')).toBeNull();
  });
});
