// The entry page's list of this chat's tasks, as the server pages it: newest first, ended ones greyed.
import type { TaskSummary } from '../../core/api';
import { format } from 'chat-tool-kit';
import type { Messages } from '../../i18n/index';
import { countdown, kindTag, progressText, stateLabel, statusText } from '../../view/task-text';

export interface TaskListItem {
  id: string;
  title: string;
  kindTag: string;
  stateLabel: string;
  ended: boolean;
  progress: string;
  /** The viewer's standing, then the time left while the task is open: "已报名 · 剩余 3 分钟". */
  status: string;
  mine: boolean;
  ariaLabel: string;
}

/** The rows in the server's order, newest first, page after page: a page loaded later only adds rows below. */
export function taskListItems(tasks: readonly TaskSummary[], t: Messages, now: number): TaskListItem[] {
  return tasks.map((task) => {
    const ended = task.state === 'ended';
    // Joined here, not in the WXML: minifyWXML drops the space a text node starts with (" · ").
    const status = statusText(task.kind, task.status, task.state, t, task.isCreator);
    const deadline = ended ? '' : countdown(task.deadline, now, t);
    return {
      id: task.id,
      title: task.title,
      kindTag: kindTag(task.kind, t),
      stateLabel: stateLabel(task.state, t),
      ended,
      progress: progressText(task.kind, task.done, task.expected, t),
      status: deadline ? `${status} · ${deadline}` : status,
      mine: task.isCreator,
      ariaLabel: format(t.openTask, { title: task.title }),
    };
  });
}
