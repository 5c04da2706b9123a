// The progress image the creator shares to the chat (wx.shareImageToGroup): what the task page's
// <snapshot> element shows, from the page's view. Pure, so it is tested directly.
import type { TaskPageView } from './view';

/** The `<snapshot>` element's id: the page renders the image there and exports it with takeSnapshot. */
export const PROGRESS_IMAGE_SELECTOR = '#progress-image';

export interface ProgressImage {
  title: string;
  /** Kind and state, e.g. "报名参与 · 进行中". */
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
