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
  status: string;
  deadline: string;
  mine: boolean;
  ariaLabel: string;
}

/** The rows in the server's order, newest first, page after page: a page loaded later only adds rows below. */
export function taskListItems(tasks: readonly TaskSummary[], t: Messages, now: number): TaskListItem[] {
  return tasks.map((task) => ({
    id: task.id,
    title: task.title,
    kindTag: kindTag(task.kind, t),
    stateLabel: stateLabel(task.state, t),
    ended: task.state === 'ended',
    progress: progressText(task.kind, task.done, task.expected, t),
    status: statusText(task.kind, task.status, task.state, t, task.isCreator),
    deadline: task.state === 'ended' ? '' : countdown(task.deadline, now, t),
    mine: task.isCreator,
    ariaLabel: format(t.openTask, { title: task.title }),
  }));
}
