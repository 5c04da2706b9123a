// scroll-view's scroll-into-view (docs/platform.md, "scroll-view scroll-into-view"): when the page sets it to the id of an element
// inside the scroll view, the view scrolls, along each axis it scrolls on, until that element is in view;
// Skyline's scroll-into-view-offset adds to the position and scroll-into-view-alignment places the element
// (start, center, end or nearest). Only a change of the id moves the view.

export type Alignment = 'start' | 'center' | 'end' | 'nearest';

export interface Span {
  /** Where the element starts, relative to the scroll view's visible area (px). */
  start: number;
  size: number;
}

/** The scroll position (px, before clamping by the browser) that shows `target` in a view of `viewSize`. */
export function scrollPosition(
  current: number,
  viewSize: number,
  target: Span,
  alignment: Alignment,
  offset: number,
): number {
  const atStart = current + target.start;
  const atEnd = atStart + target.size - viewSize;
  let position: number;
  if (alignment === 'center') position = atStart - (viewSize - target.size) / 2;
  else if (alignment === 'end') position = atEnd;
  else if (alignment === 'nearest') {
    const inView = target.start >= 0 && target.start + target.size <= viewSize;
    position = inView ? current : target.start < 0 || target.size > viewSize ? atStart : atEnd;
  } else position = atStart;
  return Math.max(0, position + offset);
}

export function alignmentOf(value: string): Alignment {
  return value === 'center' || value === 'end' || value === 'nearest' ? value : 'start';
}

export interface IntoViewOptions {
  vertical: boolean;
  horizontal: boolean;
  alignment: Alignment;
  offset: number;
  animated: boolean;
}

/** Scrolls `scroller` so that `target` (inside it) is in view. */
export function scrollIntoView(scroller: HTMLElement, target: HTMLElement, options: IntoViewOptions): void {
  const view = scroller.getBoundingClientRect();
  const box = target.getBoundingClientRect();
  const to: ScrollToOptions = { behavior: options.animated ? 'smooth' : 'instant' };
  if (options.vertical) {
    const span = { start: box.top - view.top, size: box.height };
    to.top = scrollPosition(scroller.scrollTop, scroller.clientHeight, span, options.alignment, options.offset);
  }
  if (options.horizontal) {
    const span = { start: box.left - view.left, size: box.width };
    to.left = scrollPosition(scroller.scrollLeft, scroller.clientWidth, span, options.alignment, options.offset);
  }
  scroller.scrollTo(to);
}
