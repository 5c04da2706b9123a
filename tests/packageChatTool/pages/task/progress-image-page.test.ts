/**
 * @jest-environment jsdom
 */
// The progress image as a phone makes it: rendered in Skyline's <snapshot>, exported with takeSnapshot when the
// preview opens, and posted with shareImageToGroup at once in the send tap (tap-only). Through the real WeChat
// adapter over the wx mock and the harness's <snapshot> stand-in; never an offscreen canvas.
import type { Mounted } from '../../../harness/glass-easel';
import { takenSnapshots } from '../../../harness/glass-easel-builtins';
import { installWxMock, type WxMock } from '../../../harness/wx-mock';
import { createWeChat, useWeChat } from 'chat-tool-kit';
import { fakeWeChat, type FakeTaskService } from '../../helpers/fakes';
import { settle, tapAndSettle as tap, until } from '../../helpers/glass-easel';
import { CREATOR, taskView } from '../../helpers/samples';
import { taskPageTests } from '../../helpers/task-page';

const taskPage = taskPageTests();
let mock: WxMock;
let service: FakeTaskService;

beforeEach(() => {
  takenSnapshots.length = 0;
  service = taskPage.service();
  service.getTask.mockResolvedValue({ ok: true, data: taskView({}, CREATOR) });
});

async function open(language = 'zh_CN'): Promise<Mounted> {
  mock = installWxMock({ language });
  // A phone refuses these for an offscreen canvas; the page must not need them at all.
  mock.wx.createOffscreenCanvas = jest.fn();
  mock.wx.canvasToTempFilePath = jest.fn();
  useWeChat(createWeChat(mock.wx as unknown as WechatMiniprogram.Wx));
  return taskPage.open();
}

const imagePath = (p: Mounted) =>
  (p.instance.data as { outbox: { options: { imagePath: string } | null } | null }).outbox?.options?.imagePath ?? '';

test('preview: the <snapshot> shows the progress and is exported as a PNG file before the send tap', async () => {
  const p = await open();
  expect(p.query('.outbox')).toBeNull();
  await tap(p, '.shareProgress');
  expect(p.text('.progress-image')).toContain('周六爬山');
  await until(() => imagePath(p) !== '');
  expect(takenSnapshots).toHaveLength(1);
  expect(takenSnapshots[0]).toEqual({
    tempFilePath: imagePath(p),
    options: { type: 'file', format: 'png' },
    text: expect.stringMatching(/周六爬山.*报名 · 进行中.*1\/3 人已参与/),
  });
  expect(p.text('.send')).toBe('发送到聊天');
  expect(mock.wx.canvasToTempFilePath).not.toHaveBeenCalled();
  expect(mock.wx.createOffscreenCanvas).not.toHaveBeenCalled();
});

test('send: shareImageToGroup runs synchronously in the tap, with the exported file and an entrance to the task', async () => {
  const p = await open();
  await tap(p, '.shareProgress');
  await until(() => imagePath(p) !== '');
  const exported = imagePath(p);

  p.tap('.send');
  // Nothing awaited between the tap and the call: a phone would drop the tap otherwise.
  // The entrance shows by default (needShowEntrance: true, docs/platform.md "Sending into the chat").
  expect(mock.api('shareImageToGroup')).toHaveBeenCalledWith({
    imagePath: exported,
    entrancePath: '/packageChatTool/pages/entry/index?taskId=t1',
  });
  await settle();
  expect(mock.api('showToast')).toHaveBeenCalledWith({ title: '已发送', icon: 'success' });
  expect(p.query('.outbox')).toBeNull();
});

test('while the image is prepared the send button says so and sends nothing', async () => {
  const p = await open();
  // The preview opens within the tap; the export takes a frame and Skyline's settle time (20 ms) at least, so this
  // is the state before it, whatever the machine's load (a few awaited ticks may outlast it).
  p.tap('.shareProgress');
  expect(p.query('.outbox')).not.toBeNull();
  expect(imagePath(p)).toBe('');
  expect(p.text('.send')).toBe('处理中…');
  expect(p.attribute('.send', 'aria-label')).toBe('处理中…');
  p.tap('.send');
  expect(mock.api('shareImageToGroup')).not.toHaveBeenCalled();
  await until(() => imagePath(p) !== '');
});

test('in English; cancel closes the preview without sending', async () => {
  const p = await open('en');
  await tap(p, '.shareProgress');
  await until(() => imagePath(p) !== '');
  // The image shows itself: no name above it (a file has one).
  expect(p.query('.outbox .label')).toBeNull();
  expect(p.text('.send')).toBe('Send to the chat');
  expect(p.attribute('.send', 'aria-role')).toBe('button');
  await tap(p, '.close-outbox');
  expect(p.query('.outbox')).toBeNull();
  expect(mock.api('shareImageToGroup')).not.toHaveBeenCalled();
});

test('WeChat refusing the share (e.g. the user cancels) shows the platform error and keeps the preview', async () => {
  const p = await open();
  await tap(p, '.shareProgress');
  await until(() => imagePath(p) !== '');
  mock.failNext('shareImageToGroup', { errMsg: 'shareImageToGroup:fail cancel' });
  await tap(p, '.send');
  expect((p.instance.data as { error: string }).error).toBe('微信没有完成这个操作，请重试');
  expect(p.query('.outbox')).not.toBeNull();
});

test('an export that fails closes the preview and says so', async () => {
  const platform = fakeWeChat({
    snapshot: async () => {
      throw new Error('takeSnapshot:fail');
    },
  });
  useWeChat(platform);
  installWxMock();
  const page = await taskPage.open();
  await tap(page, '.shareProgress');
  await until(() => (page.instance.data as { error: string }).error !== '');
  expect((page.instance.data as { error: string }).error).toBe('微信没有完成这个操作，请重试');
  expect(page.query('.outbox')).toBeNull();
  expect(platform.send).not.toHaveBeenCalled();
});
