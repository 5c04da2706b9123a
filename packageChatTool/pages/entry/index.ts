// The chat tool's entry page (app.json chatTools.entryPagePath). In a chat it lists the chat's tasks
// and offers to create one; opened anywhere else it explains what the tool is and how to open it.
// Cards, reminders and progress images link here with ?taskId (core/api.ts taskPagePath): that task
// opens at once. The server words each row in the viewer's language (TaskSummary.shown); the page adds the time
// left, which moves with its own clock (view/time.ts).
import { weChat } from 'chat-tool-kit';
import type { SummaryShown, TaskSummary } from '../../core/api';
import { CREATE_PAGE, taskPage } from '../../core/api';
import { failureMessage, messagesFor, type Messages } from '../../i18n/texts';
import { taskService } from '../../services/task-service';
import { changes } from '../../view/changes';
import { pagedFrom, withFirstPage, withPage, type Paged } from '../../view/paged';
import { countdown, deadlinePassedSince } from '../../view/time';

type Mode = 'chat' | 'outside';
/** The end of the list: its next page on its way, more to load, or all of it shown (more than one page). */
type More = 'loading' | 'next' | 'end' | '';

/** The countdowns move on every 30 s while the list is open; the tick after a deadline reloads the list. */
const TICK_MS = 30 * 1000;
const timers = new WeakMap<object, ReturnType<typeof setInterval>>();
const idOf = (task: TaskSummary) => task.id;

/** A row of the list: what the server worded, and the viewer's standing followed by the time left while open. */
interface TaskListItem extends SummaryShown {
  id: string;
  title: string;
  ended: boolean;
  mine: boolean;
}

Component({
  // `_list` (every summary loaded) stays in the logic layer: only the rows it makes are rendered.
  options: { pureDataPattern: /^_/ },
  data: {
    // Set in onLoad; the page renders nothing before (wx:if).
    t: null as unknown as Messages,
    mode: 'outside' as Mode,
    loading: false,
    loaded: false,
    hidden: false,
    refreshing: false,
    /** The server's list as loaded, a page at a time, and when: the rows are rebuilt from it as time passes. */
    _list: null as Paged<TaskSummary> | null,
    loadedAt: 0,
    tasks: [] as TaskListItem[],
    more: '' as More,
    error: '',
  },
  methods: {
    onLoad(query: { taskId?: string }) {
      const inChat = weChat().apiCategory() === 'chatTool';
      this.setData({ t: messagesFor(), mode: inChat ? 'chat' : 'outside' });
      if (inChat && query.taskId)
        return weChat()
          .redirectTo(taskPage(query.taskId))
          .catch(() => this.refresh());
      if (!inChat) return undefined;
      timers.set(
        this,
        setInterval(() => this.tick(), TICK_MS),
      );
      return this.refresh();
    },
    onUnload() {
      const timer = timers.get(this);
      if (timer !== undefined) clearInterval(timer);
      timers.delete(this);
    },
    /** Moves the countdowns on; once one passes its deadline, the server's list replaces the page's. */
    tick() {
      const { _list: list, loadedAt } = this.data;
      const now = Date.now();
      if (list?.pages.some((page) => page.some((task) => deadlinePassedSince(task, loadedAt, now))))
        return this.refresh();
      this.show(list, now);
      return undefined;
    },
    /** Sends the rows that changed (a countdown, a page loaded), not the whole list again. */
    show(list: Paged<TaskSummary> | null, now: number, loaded: Record<string, unknown> = {}) {
      // The rows in the server's order, newest first, page after page: a page loaded later only adds rows below.
      const rows: TaskListItem[] = (list?.pages.flat() ?? []).map(
        ({ id, title, state, deadline, isCreator, shown }) => {
          const ended = state === 'ended';
          const left = ended ? '' : countdown(deadline, now, this.data.t);
          // Joined here, not in the WXML: minifyWXML drops the space a text node starts with (" · ").
          return {
            ...shown,
            id,
            title,
            ended,
            mine: isCreator,
            status: left ? `${shown.status} · ${left}` : shown.status,
          };
        },
      );
      const more: More = list?.next ? 'next' : list && list.pages.length > 1 ? 'end' : '';
      this.setData({ ...loaded, _list: list, more, ...changes('tasks', this.data.tasks, rows) });
    },
    onHide() {
      this.setData({ hidden: true });
    },
    onShow() {
      // Back from the create or task page: show what changed there.
      if (!this.data.hidden) return undefined;
      this.setData({ hidden: false });
      return this.refresh();
    },
    async refresh() {
      this.setData({ loading: true, error: '' });
      const result = await taskService().listRoomTasks({});
      if (!result.ok) {
        this.setData({ loading: false, error: failureMessage(this.data.t, result) });
        return;
      }
      // Pages loaded further down stay: coming back from a task does not lose the place in a long list.
      const list = this.data._list;
      const now = Date.now();
      const fresh = list ? withFirstPage(list, result.data, idOf) : pagedFrom(result.data);
      this.show(fresh, now, { loading: false, loaded: true, loadedAt: now });
    },
    /** The next page, once: a tap on "show more" or the scroll reaching the end. */
    async onMore() {
      const { _list: list, more } = this.data;
      const after = list?.next;
      if (!after || more === 'loading') return;
      this.setData({ more: 'loading' });
      const result = await taskService().listRoomTasks({ after });
      const current = this.data._list;
      if (!result.ok) {
        this.setData({ more: 'next', error: failureMessage(this.data.t, result) });
      } else if (current) {
        this.show(withPage(current, result.data, after, idOf), Date.now());
      }
    },
    onRetry() {
      return this.refresh();
    },
    /** Pull to refresh. */
    async onRefresh() {
      this.setData({ refreshing: true });
      if (this.data.mode === 'chat') await this.refresh();
      this.setData({ refreshing: false });
    },
    onCreate() {
      return weChat().navigateTo(CREATE_PAGE);
    },
    onOpenTask(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      return weChat().navigateTo(taskPage(event.currentTarget.dataset.id));
    },
  },
});
