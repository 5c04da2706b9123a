/**
 * @jest-environment jsdom
 */
import { createSnapshot } from '../../../simulator/builtins/snapshot';
import type { BuiltinServices } from '../../../simulator/builtins/services';

function snapshotOn(renderer: 'skyline' | 'webview') {
  const page = document.createElement('wx-page');
  page.setAttribute('data-renderer', renderer);
  const element = document.createElement('wx-snapshot');
  page.append(element);
  document.body.append(page);
  const notes: { api: string; ok: boolean; result: unknown }[] = [];
  const services = {
    pixelRatio: 3,
    note: (api: string, _args: unknown, ok: boolean, result: unknown) => notes.push({ api, ok, result }),
  } as unknown as BuiltinServices;
  return { snapshot: createSnapshot(element, services), notes };
}

function take(snapshot: ReturnType<typeof createSnapshot>, options: { type?: string; format?: string } = {}) {
  return new Promise<Record<string, unknown>>((resolve) => {
    snapshot.takeSnapshot({ ...options, success: resolve, fail: resolve });
  });
}

describe('Snapshot.takeSnapshot refuses what a phone refuses', () => {
  test('only on Skyline pages', async () => {
    const { snapshot, notes } = snapshotOn('webview');
    expect(await take(snapshot)).toEqual({ errMsg: 'takeSnapshot:fail snapshot works only on Skyline pages' });
    expect(notes).toEqual([
      {
        api: 'Snapshot.takeSnapshot',
        ok: false,
        result: { errMsg: 'takeSnapshot:fail snapshot works only on Skyline pages' },
      },
    ]);
  });

  test('not when it is not rendered (display: none)', async () => {
    // jsdom lays nothing out: every element is as unrendered as one under display: none.
    const { snapshot } = snapshotOn('skyline');
    expect(await take(snapshot)).toEqual({
      errMsg: 'takeSnapshot:fail the snapshot is not rendered (display: none)',
    });
  });

  test('no Promise style: without callbacks the call panel says the result is lost', () => {
    const { snapshot, notes } = snapshotOn('webview');
    expect(snapshot.takeSnapshot({ type: 'file', format: 'png' })).toBeUndefined();
    expect(notes[0]).toEqual({
      api: 'Snapshot.takeSnapshot',
      ok: false,
      result: 'no Promise style in WeChat: pass success/fail/complete',
    });
  });
});
