// What the task page shows for one TaskView, in the viewer's language, and the progress image the creator shares to
// the chat (wx.shareImageToGroup) from it. Pure, tested directly.
import type { TaskView } from '../../core/api';
import { format as kitFormat } from 'chat-tool-kit';
import type { Messages } from '../../i18n/index';
import { countdown, formatDateTime, kindTag, progressText, stateLabel, statusText } from '../../view/task-text';

/** The kit's format() under a local name: a call of an imported function compiles to `(0, kit.format)(…)`, 10 here. */
const format = kitFormat;

export interface TaskPageView {
  title: string;
  /** The description line by line: Skyline ignores white-space: pre-wrap (docs/platform.md, "Skyline"). */
  descriptionLines: string[];
  kindTag: string;
  stateLabel: string;
  deadline: string;
  countdown: string;
  progress: string;
  /** 0..100 for the progress bar; null when there is nothing to measure against. */
  percent: number | null;
  capacity: string;
  waitlist: string;
  status: string;
  /**
   * Where the card and the page differ, and why: to the creator when members cannot reach the task from the
   * card, the card lags behind or still counts members who left; to a member the card still marks.
   */
  cardNotice: string;
  participantsHeading: string;
  /** How many chosen members have not acted yet ('' when the task is for everyone or all have). */
  pending: string;
  /** The buttons the viewer may tap, in this order: the server's viewer.can decides which. */
  buttons: TaskButton[];
}

/** A server action that asks first: it says what happens to this task and its card. Each is the service's method. */
export type Confirmable = 'leave' | 'markClosingSoon' | 'endTask';

/**
 * A button of the task page: what it does (its class, and the page method its tap runs: the WXML binds the tap to
 * the method of that name, docs/platform.md#handler-names-from-data), its words and its look.
 */
export interface TaskButton {
  action: 'join' | Confirmable | 'remind' | 'shareProgress' | 'renewCard';
  label: string;
  look: '' | 'primary' | 'danger';
}

/** A marked participant's subtitle: marks never come off (docs/platform.md, "Card templates and subtitles"). */
const CARD_MARKED: Record<TaskView['kind'], string> = { participate: '已参与', complete: '已完成' };

/** True when the viewer's card marks them, whatever the task says now. */
const cardMarksViewer = (task: TaskView): boolean => task.viewer.cardText === CARD_MARKED[task.kind];

const cardKeeps = (task: TaskView, t: Messages): string => format(t.cardKeeps, { mark: t.marks[task.kind] });

function cardNotice(task: TaskView, t: Messages, unposted: boolean): string {
  const { viewer, card } = task;
  if (task.state === 'ended') return '';
  if (!viewer.isCreator) {
    // What a member's card says that the page does not: still marked after leaving, or not yet after joining.
    const done = viewer.status === 'done';
    if (done === cardMarksViewer(task)) return '';
    return done ? format(t.cardBehind, { mark: t.marks[task.kind] }) : cardKeeps(task, t);
  }
  if (unposted) return t.cardNotPosted;
  if (card.expired) return t.cardExpired;
  if (!card.inSync) return t.cardSyncing;
  // The publisher's subtitle is "X人已参与": X counts every member ever marked, so it may exceed the page's count.
  const counted = Number(/^\d+/.exec(viewer.cardText)?.[0] ?? 0);
  return counted > task.counts.joined ? format(t.cardCountsLeavers, { count: counted }) : '';
}

export interface Confirmation {
  title: string;
  content: string;
  /** The toast once it is done. */
  done: string;
}

/** What leaving, ending or closing soon does to this task and its card, asked before it is done. */
export function confirmation(action: Confirmable, task: TaskView, t: Messages): Confirmation {
  const participate = task.kind === 'participate';
  const join = (...sentences: string[]): string =>
    sentences.filter(Boolean).reduce((first, next) => format(t.sentences, { first, next }));
  // The title asks the button the member tapped.
  const ask = (action: string): string => format(t.ask, { action });
  if (action === 'endTask') {
    const { waitlisted } = task.counts;
    const waiting = waitlisted ? format(t.endDropsWaitlist, { count: waitlisted }) : '';
    return {
      title: ask(t.end),
      content: join(format(t.confirmEnd, { act: t.acts[task.kind] }), waiting),
      done: t.ended,
    };
  }
  if (action === 'markClosingSoon') {
    return {
      title: ask(t.markClosingSoon),
      content: format(t.confirmClosing, { act: t.acts[task.kind] }),
      done: t.markedClosingSoon,
    };
  }
  const keeps = cardMarksViewer(task) ? cardKeeps(task, t) : '';
  if (task.viewer.status === 'waitlisted') {
    return { title: ask(t.leaveWaitlist), content: join(t.leaveWaitlistBody, keeps), done: t.leftWaitlist };
  }
  if (!participate) return { title: ask(t.undoDone), content: join(t.undoDoneBody, keeps), done: t.undidDone };
  // Only a task with a capacity has a waitlist; leaving it hands the place to the first one waiting.
  const place = task.capacity === null ? '' : task.counts.waitlisted ? t.leavePromotes : t.leaveFreesPlace;
  return { title: ask(t.leave), content: join(t.leaveBody, place, keeps), done: t.left };
}

export function taskPageView(task: TaskView, t: Messages, now: number, unposted = false): TaskPageView {
  const { joined: done, waitlisted, expected } = task.counts;
  // Only chosen members may sign up or wait, so those who have not acted are the rest of the chosen.
  const pending = expected === null ? 0 : Math.max(0, expected - done - waitlisted);
  const full = task.capacity !== null && done >= task.capacity;
  const { can, isCreator, status } = task.viewer;
  const ended = task.state === 'ended';
  const complete = task.kind === 'complete';
  // Which buttons the server's viewer.can allows, in this order: shown, action, label and look ('' unless given).
  const offered: [boolean, TaskButton['action'], string, TaskButton['look']?][] = [
    [can.join, 'join', complete ? t.markDone : full ? t.joinFull : t.join, 'primary'],
    // Leave, leave the waitlist, or undo "done" on a complete task.
    [can.leave, 'leave', status === 'waitlisted' ? t.leaveWaitlist : complete ? t.undoDone : t.leave],
    [can.remind, 'remind', t.remind],
    [isCreator, 'shareProgress', t.shareProgress],
    [can.renewCard, 'renewCard', t.renewCard],
    [can.markClosingSoon, 'markClosingSoon', t.markClosingSoon],
    [can.end, 'endTask', t.end, 'danger'],
  ];
  // The bar measures against the chosen members or the capacity; nothing to measure against hides it.
  const target = expected ?? task.capacity;
  return {
    title: task.title,
    descriptionLines: task.description === '' ? [] : task.description.split(/\r\n?|\n/),
    kindTag: kindTag(task.kind, t),
    stateLabel: stateLabel(task.state, t),
    deadline: task.deadline === null ? t.noDeadline : format(t.deadlineAt, { time: formatDateTime(task.deadline) }),
    countdown: ended || task.deadline === null ? '' : countdown(task.deadline, now, t),
    progress: progressText(task.kind, done, expected, t),
    percent: target ? Math.min(100, Math.round((done / target) * 100)) : null,
    capacity: task.capacity === null ? '' : format(t.capacityOf, { count: done, capacity: task.capacity }),
    waitlist: waitlisted ? format(t.waitlistCount, { count: waitlisted }) : '',
    status: statusText(task.kind, status, task.state, t, isCreator),
    cardNotice: cardNotice(task, t, unposted),
    participantsHeading: complete ? t.doneHeading : t.participantsHeading,
    pending: pending ? format(t.pendingCount, { count: pending }) : '',
    buttons: offered.filter(([shown]) => shown).map(([, action, label, look = '']) => ({ action, label, look })),
  };
}

/** What the task page's <snapshot> shows, and the creator shares to the chat: the page's view, in fixed light colours. */
export interface ProgressImage {
  title: string;
  /** Kind and state, e.g. "报名 · 进行中". */
  subtitle: string;
  progress: string;
  /** 0..100 for the bar; null hides it, as on the page, when there is nothing to measure against. */
  percent: number | null;
  /** Capacity, waitlist and the countdown (or the deadline), whichever the task has. */
  details: string;
}

export function progressImage(view: TaskPageView): ProgressImage {
  return {
    title: view.title,
    subtitle: `${view.kindTag} · ${view.stateLabel}`,
    progress: view.progress,
    percent: view.percent,
    details: [view.capacity, view.waitlist, view.countdown || view.deadline].filter(Boolean).join(' · '),
  };
}
