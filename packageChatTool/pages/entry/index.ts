// The chat tool's entry page (app.json chatTools.entryPagePath). In a chat it lists the chat's tasks
// and offers to create one; opened anywhere else it explains what the tool is and how to open it.
// Cards, reminders and progress images link here with ?taskId (core/api.ts taskPagePath): that task
// opens at once.
import { weChat } from 'chat-tool-kit';
import type { TaskSummary } from '../../core/api';
import { failureMessage, messagesFor, type Messages } from '../../i18n/index';
import { taskService } from '../../services/task-service';
import { CREATE_PAGE, taskPage } from '../../view/routes';
import { deadlinePassedSince } from '../../view/task-text';
import { taskListItems, type TaskListItem } from './view';

type Mode = 'chat' | 'outside';

/** The countdowns move on every 30 s while the list is open; the tick after a deadline reloads the list. */
const TICK_MS = 30 * 1000;
const timers = new WeakMap<object, ReturnType<typeof setInterval>>();

Component({
  data: {
    // Set in onLoad; the page renders nothing before (wx:if).
    t: null as unknown as Messages,
    mode: 'outside' as Mode,
    loading: false,
    loaded: false,
    hidden: false,
    refreshing: false,
    /** The server's list as loaded, and when: the rows are rebuilt from it as time passes. */
    summaries: [] as TaskSummary[],
    loadedAt: 0,
    tasks: [] as TaskListItem[],
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
      const { summaries, loadedAt, t } = this.data;
      const now = Date.now();
      if (summaries.some((task) => deadlinePassedSince(task, loadedAt, now))) return this.refresh();
      this.setData({ tasks: taskListItems(summaries, t, now) });
      return undefined;
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
      if (result.ok) {
        const now = Date.now();
        this.setData({
          loading: false,
          loaded: true,
          summaries: result.data,
          loadedAt: now,
          tasks: taskListItems(result.data, this.data.t, now),
        });
      } else {
        this.setData({ loading: false, error: failureMessage(this.data.t, result.code) });
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
