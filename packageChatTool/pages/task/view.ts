// What the task page shows for one TaskView, in the viewer's language. Pure, tested directly.
import type { TaskView } from '../../core/api';
import { format, type Messages } from '../../i18n/index';
import { countdown, formatDateTime, kindTag, progressText, stateLabel, statusText } from '../../view/task-text';

export interface TaskPageView {
  title: string;
  /** The description line by line: Skyline ignores white-space: pre-wrap (docs/platform.md, "Skyline"). */
  descriptionLines: string[];
  kindTag: string;
  stateLabel: string;
  state: TaskView['state'];
  deadline: string;
  countdown: string;
  progress: string;
  /** 0..100 for the progress bar; null when there is nothing to measure against. */
  percent: number | null;
  capacity: string;
  waitlist: string;
  status: string;
  /** Shown to the creator when members cannot reach the task from the card, or the card lags behind. */
  cardNotice: string;
  participantsHeading: string;
  participantIds: string[];
  waitlistIds: string[];
  /** Chosen members who have not acted yet (empty when the task is for everyone). */
  pendingIds: string[];
  actions: {
    join: boolean;
    joinLabel: string;
    leave: boolean;
    remind: boolean;
    markClosingSoon: boolean;
    end: boolean;
    shareProgress: boolean;
    renewCard: boolean;
  };
}

function percentOf(done: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.min(100, Math.round((done / target) * 100));
}

function cardNotice(task: TaskView, t: Messages, unposted: boolean): string {
  if (!task.viewer.isCreator || task.state === 'ended') return '';
  if (unposted) return t.cardNotPosted;
  if (task.card.expired) return t.cardExpired;
  return task.card.inSync ? '' : t.cardSyncing;
}

export function taskPageView(task: TaskView, t: Messages, now: number, unposted = false): TaskPageView {
  const done = task.participants.length;
  const acted = new Set([...task.participants, ...task.waitlist].map((p) => p.groupOpenid));
  const full = task.capacity !== null && done >= task.capacity;
  const { can, isCreator } = task.viewer;
  const ended = task.state === 'ended';
  return {
    title: task.title,
    descriptionLines: task.description === '' ? [] : task.description.split(/\r\n|\r|\n/),
    kindTag: kindTag(task.kind, t),
    stateLabel: stateLabel(task.state, t),
    state: task.state,
    deadline: task.deadline === null ? t.noDeadline : format(t.deadlineAt, { time: formatDateTime(task.deadline) }),
    countdown: ended || task.deadline === null ? '' : countdown(task.deadline, now, t),
    progress: progressText(task.kind, done, task.expected, t),
    percent: percentOf(done, task.expected ?? task.capacity),
    capacity: task.capacity === null ? '' : format(t.capacityOf, { count: done, capacity: task.capacity }),
    waitlist: task.waitlist.length ? format(t.waitlistCount, { count: task.waitlist.length }) : '',
    status: statusText(task.kind, task.viewer.status, task.state, t, isCreator),
    cardNotice: cardNotice(task, t, unposted),
    participantsHeading: task.kind === 'participate' ? t.participantsHeading : t.doneHeading,
    participantIds: task.participants.map((p) => p.groupOpenid),
    waitlistIds: task.waitlist.map((p) => p.groupOpenid),
    pendingIds: task.audience.kind === 'members' ? task.audience.groupOpenids.filter((id) => !acted.has(id)) : [],
    actions: {
      join: can.join,
      joinLabel: task.kind === 'complete' ? t.markDone : full ? t.joinFull : t.join,
      leave: can.leave,
      remind: can.remind,
      markClosingSoon: can.markClosingSoon,
      end: can.end,
      shareProgress: isCreator,
      renewCard: can.renewCard,
    },
  };
}
