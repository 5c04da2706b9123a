import { messagesFor } from '../../../../packageChatTool/i18n/index';
import { taskListItems } from '../../../../packageChatTool/pages/entry/view';
import { countdown, statusText } from '../../../../packageChatTool/view/task-text';
import { NOW, summary } from '../../helpers/samples';

const zhCN = messagesFor('zh-CN');
const en = messagesFor('en');

test('a row says the viewer\'s standing, then " · " and the time left while the task is open', () => {
  const deadline = NOW + 3 * 60 * 1000;
  const open = summary({ deadline, status: 'done' });
  for (const t of [zhCN, en]) {
    const [row] = taskListItems([open], t, NOW);
    const status = statusText(open.kind, open.status, open.state, t, false);
    // The whole line comes from here: the WXML's own " · " lost its space to minifyWXML in the upload.
    expect(row!.status).toBe(`${status} · ${countdown(deadline, NOW, t)}`);
    expect(row!.status).toMatch(/\S · \S/);
  }
});

test('an ended task shows the standing alone; an open one without a deadline says so', () => {
  const ended = summary({ deadline: NOW + 60 * 1000, state: 'ended', status: 'done' });
  const noDeadline = summary({ deadline: null });
  const rows = taskListItems([ended, noDeadline], zhCN, NOW);
  expect(rows.map((row) => row.status)).toEqual([
    statusText(ended.kind, ended.status, ended.state, zhCN, false),
    `${statusText(noDeadline.kind, noDeadline.status, noDeadline.state, zhCN, false)} · ${zhCN.noDeadline}`,
  ]);
  expect(rows.map((row) => row.ended)).toEqual([true, false]);
});
