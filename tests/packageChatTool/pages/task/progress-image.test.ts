import { messagesFor } from '../../../../packageChatTool/i18n/index';
import { progressImage, taskPageView } from '../../../../packageChatTool/pages/task/view';
import { NOW, taskView } from '../../helpers/samples';

const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');

test('title, kind and state, progress with its bar, and the details, in Chinese', () => {
  const image = progressImage(taskPageView(taskView({ capacity: 5 }), zhCN, NOW));
  expect(image).toEqual({
    title: '周六爬山',
    subtitle: '报名 · 进行中',
    progress: expect.stringContaining('1/'),
    percent: expect.any(Number),
    details: expect.stringContaining('剩余 1 天 2 小时'),
  });
  expect(image.details).toContain('5');
});

test('in English, from the same view the page shows', () => {
  const view = taskPageView(taskView(), en, NOW);
  const image = progressImage(view);
  expect(image.title).toBe(view.title);
  expect(image.subtitle).toBe(`${view.kindTag} · ${view.stateLabel}`);
  expect(image.progress).toBe(view.progress);
  expect(image.percent).toBe(view.percent);
});

test('no bar where the page shows none (everyone, no capacity); the deadline once the countdown is over', () => {
  const view = taskPageView(taskView({ audience: { kind: 'everyone' }, capacity: null }), zhCN, NOW);
  expect(view.percent).toBeNull();
  expect(progressImage(view).percent).toBeNull();
  const ended = taskPageView(taskView({ state: 'ended', deadline: NOW - 1000 }), zhCN, NOW);
  expect(progressImage(ended).details).toContain(ended.deadline);
});
