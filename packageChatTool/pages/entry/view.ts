// The entry page's list of this chat's tasks: open ones first (newest first), ended ones last.
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

export function taskListItems(tasks: readonly TaskSummary[], t: Messages, now: number): TaskListItem[] {
  return [...tasks]
    .sort((a, b) => Number(a.state === 'ended') - Number(b.state === 'ended') || b.createdAt - a.createdAt)
    .map((task) => ({
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
