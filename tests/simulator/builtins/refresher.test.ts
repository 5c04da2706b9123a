/**
 * @jest-environment jsdom
 */
import { installRefresher } from '../../../simulator/builtins/refresher';

function setup(threshold = 40) {
  const scroller = document.createElement('div');
  const area = document.createElement('div');
  scroller.append(area);
  document.body.append(scroller);
  const events: string[] = [];
  const refresher = installRefresher(scroller, area, {
    enabled: () => true,
    threshold: () => threshold,
    trigger: (name, detail) => events.push(`${name} ${JSON.stringify(detail)}`),
  });
  const drag = (dy: number): void => {
    scroller.dispatchEvent(new MouseEvent('mousedown', { button: 0, clientY: 100, bubbles: true }));
    window.dispatchEvent(new MouseEvent('mousemove', { clientY: 100 + dy }));
    window.dispatchEvent(new MouseEvent('mouseup', { clientY: 100 + dy }));
  };
  return { scroller, area, events, refresher, drag };
}

describe('scroll-view pull-to-refresh', () => {
  test('a pull past the threshold refreshes and stays open until the page sets refresher-triggered to false', async () => {
    const { area, events, refresher, drag } = setup();
    drag(60);
    expect(events).toEqual(['refresherpulling {"dy":60}', 'refresherrefresh {"dy":60}']);
    expect(area.style.height).toBe('40px');
    // Pulling again while it refreshes does nothing.
    drag(60);
    expect(events).toHaveLength(2);
    refresher.setTriggered(false);
    expect(area.style.height).toBe('0px');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events[2]).toBe('refresherrestore {}');
  });

  test('the window hears the mouse only during a pull: a scroll view leaves no window listener behind', () => {
    const listening = new Set<EventListenerOrEventListenerObject>();
    const add = jest.spyOn(window, 'addEventListener').mockImplementation((_type, listener) => {
      if (listener) listening.add(listener);
    });
    const remove = jest.spyOn(window, 'removeEventListener').mockImplementation((_type, listener) => {
      if (listener) listening.delete(listener);
    });
    try {
      const { scroller } = setup();
      expect(listening.size).toBe(0);
      scroller.dispatchEvent(new MouseEvent('mousedown', { button: 0, clientY: 100, bubbles: true }));
      expect(listening.size).toBe(2);
      const [, mouseUp] = [...listening] as EventListener[];
      mouseUp!(new MouseEvent('mouseup', { clientY: 100 }));
      expect(listening.size).toBe(0);
    } finally {
      add.mockRestore();
      remove.mockRestore();
    }
  });

  test('a shorter pull aborts', () => {
    const { area, events, drag } = setup();
    drag(20);
    expect(events).toEqual(['refresherpulling {"dy":20}', 'refresherabort {"dy":20}']);
    expect(area.style.height).toBe('0px');
  });

  test('only at the top: a scrolled list scrolls instead', () => {
    const { scroller, events, drag } = setup();
    Object.defineProperty(scroller, 'scrollTop', { value: 50 });
    drag(80);
    expect(events).toEqual([]);
  });

  test('refresher-triggered set to true by the page opens it without a refresh event', () => {
    const { area, events, refresher } = setup();
    refresher.setTriggered(true);
    expect(area.style.height).toBe('40px');
    expect(events).toEqual([]);
  });
});
