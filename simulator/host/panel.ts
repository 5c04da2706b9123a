// The call panel: every wx call the app made (with arguments and result) and every server-side
// platform call the emulator saw, newest first; plus the emulator's fault switches.

import type { CallLogEntry } from '../shared/host-api';
import {
  CONTENT_CHECK_SETTINGS,
  FAULT_APIS,
  type ContentCheckSetting,
  type FaultApi,
  type FaultSetting,
  type PlatformCallInfo,
} from '../shared/server-api';
import { h } from './dom';

interface PanelEntry {
  at: number;
  source: 'wx' | 'platform' | 'host';
  who: string;
  api: string;
  ok: boolean;
  args: unknown;
  result: unknown;
  ms: number;
}

function json(value: unknown): string {
  try {
    const text = JSON.stringify(value, null, 1);
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  } catch {
    return String(value);
  }
}

export class CallPanel {
  private readonly entries: PanelEntry[] = [];
  private platform: PlatformCallInfo[] = [];
  private readonly list: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly contentCheck: HTMLSelectElement;
  private readonly readings: HTMLElement;

  constructor(
    parent: HTMLElement,
    private readonly setFault: (api: FaultApi, fault: FaultSetting) => void,
    private readonly actions: {
      setContentCheck(setting: ContentCheckSetting): void;
      releaseStalled(): void;
      runTimer(): void;
    },
  ) {
    this.contentCheck = h('select', { 'aria-label': 'msgSecCheck', 'data-content-check': '' });
    for (const setting of CONTENT_CHECK_SETTINGS) {
      this.contentCheck.append(h('option', { value: setting }, `msgSecCheck: ${setting}`));
    }
    this.contentCheck.addEventListener('change', () =>
      this.actions.setContentCheck(this.contentCheck.value as ContentCheckSetting),
    );
    this.readings = h('span', {
      className: 'readings',
      id: 'readings',
      title:
        '微信文档有分歧或未说明之处，模拟器采用的解读 The readings the emulator plays where WeChat’s documents disagree or are silent',
    });
    this.filter = h('input', { type: 'search', placeholder: '过滤 Filter (api)', 'aria-label': 'Filter calls' });
    this.filter.addEventListener('input', () => this.render());
    const clear = h('button', { type: 'button' }, '清空 Clear');
    clear.addEventListener('click', () => {
      this.entries.length = 0;
      this.render();
    });
    this.list = h('ol', { className: 'calls', id: 'calls' });
    parent.append(
      h('div', { className: 'panel-head' }, h('h2', {}, '调用 Calls'), this.filter, clear),
      this.faultControls(),
      this.list,
    );
  }

  private faultControls(): HTMLElement {
    const row = h('div', { className: 'faults' });
    for (const api of FAULT_APIS) {
      const select = h('select', { 'aria-label': `${api} fault`, 'data-fault': api });
      for (const mode of ['none', 'fail', 'stall'] as const)
        select.append(h('option', { value: mode }, `${api}: ${mode}`));
      select.addEventListener('change', () => this.setFault(api, select.value as FaultSetting));
      row.append(select);
    }
    const release = h('button', { type: 'button' }, '放行 Release stalled');
    release.addEventListener('click', () => this.actions.releaseStalled());
    const timer = h('button', { type: 'button' }, '定时器 Run timer');
    timer.addEventListener('click', () => this.actions.runTimer());
    row.append(this.contentCheck, release, timer, this.readings);
    return row;
  }

  /** The emulator's content-check switch and readings profile, as the server reports them. */
  setEmulatorState(contentCheck: ContentCheckSetting, readings: string): void {
    this.contentCheck.value = contentCheck;
    this.readings.textContent = `解读 readings: ${readings}`;
  }

  add(who: string, entry: CallLogEntry, source: 'wx' | 'host' = 'wx'): void {
    this.entries.push({
      at: Date.now(),
      source,
      who,
      api: entry.api,
      ok: entry.ok,
      args: entry.args,
      result: entry.result,
      ms: entry.ms,
    });
    if (this.entries.length > 500) this.entries.shift();
    this.render();
  }

  setPlatformCalls(calls: PlatformCallInfo[]): void {
    this.platform = calls;
    this.render();
  }

  private render(): void {
    const term = this.filter.value.trim().toLowerCase();
    const platform: PanelEntry[] = this.platform.map((c) => ({
      at: c.at,
      source: 'platform',
      who: 'cloud',
      api: c.api,
      ok: c.outcome === 'ok',
      args: c.request,
      result: c.outcome === 'ok' ? 'ok' : `${c.outcome} ${c.errcode} ${c.errmsg}`,
      ms: 0,
    }));
    const all = [...this.entries, ...platform]
      .filter((e) => !term || e.api.toLowerCase().includes(term))
      .sort((a, b) => b.at - a.at)
      .slice(0, 300);
    this.list.replaceChildren(
      ...all.map((e) =>
        h(
          'li',
          { className: `call ${e.source} ${e.ok ? 'ok' : 'fail'}`, 'data-api': e.api },
          h(
            'details',
            {},
            h(
              'summary',
              {},
              h('span', { className: 'tag' }, e.source),
              ` ${e.api} `,
              h('span', { className: 'who' }, e.who),
              e.ms ? ` ${e.ms} ms` : '',
            ),
            h('pre', {}, `args: ${json(e.args)}\nresult: ${json(e.result)}`),
          ),
        ),
      ),
    );
  }
}
