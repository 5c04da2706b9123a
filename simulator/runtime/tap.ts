// WeChat allows some chat-tool APIs only "在点击行为时调用": within a moment of a real tap.
// Only trusted (user-made) events count, so a script that fakes a tap cannot unlock them.

/** How long after a tap a tap-only API is still allowed. */
export const TAP_WINDOW_MS = 1000;

let lastTapAt = Number.NEGATIVE_INFINITY;

export function trackTaps(doc: Document): void {
  const mark = (ev: Event): void => {
    if (ev.isTrusted) lastTapAt = performance.now();
  };
  doc.addEventListener('mouseup', mark, { capture: true });
  doc.addEventListener('touchend', mark, { capture: true });
  doc.addEventListener(
    'keydown',
    (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') mark(ev);
    },
    { capture: true },
  );
}

export function withinTap(now = performance.now()): boolean {
  return now - lastTapAt <= TAP_WINDOW_MS;
}
