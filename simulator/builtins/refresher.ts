// scroll-view's pull-to-refresh (docs/platform.md, "scroll-view refresher"): with refresher-enabled, pulling down at
// the top (a mouse or touch drag, or the wheel) beyond refresher-threshold fires refresherrefresh and keeps the
// refresher open until the page sets refresher-triggered to false (then refresherrestore); a shorter pull fires
// refresherabort. refresher-triggered set to true opens it from the page.

export interface RefresherOptions {
  enabled(): boolean;
  threshold(): number;
  trigger(event: 'refresherpulling' | 'refresherrefresh' | 'refresherrestore' | 'refresherabort', detail: object): void;
}

export interface Refresher {
  /** The page's refresher-triggered. */
  setTriggered(on: boolean): void;
}

/** How long after the last wheel step a wheel pull counts as released. */
const WHEEL_RELEASE_MS = 200;

export function installRefresher(scroller: HTMLElement, area: HTMLElement, options: RefresherOptions): Refresher {
  let pull = 0;
  let refreshing = false;
  let dragFrom: number | null = null;
  let wheelTimer: ReturnType<typeof setTimeout> | undefined;

  const show = (height: number): void => {
    area.style.height = `${height}px`;
  };
  const canPull = (): boolean => options.enabled() && !refreshing && scroller.scrollTop <= 0;
  const pullTo = (dy: number): void => {
    pull = Math.max(0, dy);
    show(pull);
    options.trigger('refresherpulling', { dy: pull });
  };
  const release = (): void => {
    const dy = pull;
    pull = 0;
    if (dy >= options.threshold()) {
      refreshing = true;
      show(options.threshold());
      options.trigger('refresherrefresh', { dy });
    } else if (dy > 0) {
      show(0);
      options.trigger('refresherabort', { dy });
    }
  };

  const start = (y: number): void => {
    dragFrom = canPull() ? y : null;
  };
  const move = (y: number): void => {
    if (dragFrom !== null && (y > dragFrom || pull > 0)) pullTo(y - dragFrom);
  };
  const end = (): void => {
    if (dragFrom === null) return;
    dragFrom = null;
    release();
  };
  // A mouse pull may leave the scroll view, so the window follows it, only while the button is down: a scroll
  // view that is gone leaves no listener behind.
  const mouseMove = (ev: MouseEvent): void => move(ev.clientY);
  const mouseUp = (): void => {
    window.removeEventListener('mousemove', mouseMove);
    window.removeEventListener('mouseup', mouseUp);
    end();
  };
  scroller.addEventListener('mousedown', (ev) => {
    if (ev.button !== 0) return;
    start(ev.clientY);
    if (dragFrom === null) return;
    // A pull selects no text: a drag of selected text would swallow the mouse events that follow.
    ev.preventDefault();
    window.addEventListener('mousemove', mouseMove);
    window.addEventListener('mouseup', mouseUp);
  });
  scroller.addEventListener('touchstart', (ev) => start(ev.touches[0]?.clientY ?? 0), { passive: true });
  scroller.addEventListener('touchmove', (ev) => move(ev.touches[0]?.clientY ?? 0), { passive: true });
  scroller.addEventListener('touchend', end);
  scroller.addEventListener(
    'wheel',
    (ev) => {
      if (!canPull() || (ev.deltaY >= 0 && pull === 0)) return;
      ev.preventDefault();
      pullTo(pull - ev.deltaY);
      clearTimeout(wheelTimer);
      wheelTimer = setTimeout(release, WHEEL_RELEASE_MS);
    },
    { passive: false },
  );

  return {
    setTriggered(on) {
      if (on && !refreshing) {
        refreshing = true;
        show(options.threshold());
      } else if (!on && refreshing) {
        refreshing = false;
        show(0);
        // After the page's update that closed it, as WeChat reports it once the refresher is back.
        setTimeout(() => options.trigger('refresherrestore', {}), 0);
      }
    },
  };
}
