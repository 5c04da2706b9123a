// The chat tool's entry page (app.json chatTools.entryPagePath). In a chat it lists the chat's tasks
// and offers to create one; opened anywhere else it explains what the tool is and how to open it.
// Cards, reminders and progress images link here with ?taskId (core/api.ts taskPagePath): that task
// opens at once.
import { currentMessages } from '../../i18n/current';
import { failureMessage, type Messages } from '../../i18n/index';
import { weChat } from '../../platform/wechat';
import { taskService } from '../../services/task-service';
import { CREATE_PAGE, taskPage } from '../../view/routes';
import { taskListItems, type TaskListItem } from './view';

type Mode = 'chat' | 'outside';

Component({
  data: {
    // Set in onLoad; the page renders nothing before (wx:if).
    t: null as unknown as Messages,
    mode: 'outside' as Mode,
    loading: false,
    loaded: false,
    hidden: false,
    refreshing: false,
    tasks: [] as TaskListItem[],
    error: '',
  },
  methods: {
    onLoad(query: { taskId?: string }) {
      const inChat = weChat().apiCategory() === 'chatTool';
      this.setData({ t: currentMessages(), mode: inChat ? 'chat' : 'outside' });
      if (inChat && query.taskId)
        return weChat()
          .redirectTo(taskPage(query.taskId))
          .catch(() => this.refresh());
      if (inChat) return this.refresh();
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
      const result = await taskService().listRoomTasks();
      if (result.ok) {
        this.setData({ loading: false, loaded: true, tasks: taskListItems(result.data, this.data.t, Date.now()) });
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
