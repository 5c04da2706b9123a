// WeChat allows some chat-tool APIs only "在点击行为时调用" (docs/platform.md, "Tap-only APIs"), and work awaited
// between the tap and the call may lose the tap on a phone. The simulator is at least as strict: a tap is live only
// while the browser handles the trusted event, its synchronous handlers and the microtasks they queue. It is over
// once the event has been dispatched, so a call after a network round trip or a timer is refused. Only trusted
// (user-made) events count, so a script that fakes a tap cannot unlock these APIs.

let live = false;

export function trackTaps(win: Window): void {
  const begin = (ev: Event): void => {
    if (!ev.isTrusted) return;
    live = true;
    // Ends after the last listener; the timer covers an event whose propagation a listener stopped.
    setTimeout(end, 0);
  };
  const end = (): void => {
    live = false;
  };
  // The page's tap handlers run in glass-easel's capture listeners on <body>: begin before them (window, capture),
  // end after every listener (window, bubble). Microtasks run between listeners, so theirs are inside the tap.
  // A key that presses a focused button (Enter, Space) arrives as a click.
  for (const type of ['mouseup', 'touchend', 'click'] as const) {
    win.addEventListener(type, begin, { capture: true });
    win.addEventListener(type, end);
  }
}

/** Whether a tap is being handled right now. */
export function tapIsLive(): boolean {
  return live;
}
