// What tapping the card opens: one task, as its viewer may see and act on it. Participants sign up,
// mark done or leave; the creator reminds pending members, marks the task closing soon, ends it,
// shares a progress image and sends the card again. Everyone else gets a read-only view.
import type { MemberList, MemberPage, Reminder, TaskView } from '../../core/api';
import { ENTRY_PAGE, MEMBER_LISTS, taskPagePath } from '../../core/api';
import { weChat as kitWeChat } from 'chat-tool-kit';
import { failureMessage, messagesFor, type Messages } from '../../i18n/index';
import { taskService as sharedTaskService, type FailureCode, type Outcome } from '../../services/task-service';
import { changes } from '../../view/changes';
import { pagedFrom, withFirstPage, withPage, without, type Paged } from '../../view/paged';
import { CARD_IMAGE } from '../../view/routes';
import { deadlinePassedSince } from '../../view/task-text';
import { PROGRESS_IMAGE_SELECTOR, progressImage, type ProgressImage } from './progress-image';
import { confirmation, taskPageView, type Confirmable, type TaskButton, type TaskPageView } from './view';

/**
 * Imported functions under local names: each call of an imported one compiles to `(0, module.name)(…)`, and this
 * page calls these two 18 times (docs/pages.md, "Size").
 */
const weChat = kitWeChat;
const taskService = sharedTaskService;

/** The countdown moves on every 30 s while the page is open; the tick after the deadline reloads the task. */
const TICK_MS = 30 * 1000;
const timers = new WeakMap<object, ReturnType<typeof setInterval>>();

/** The member-list component takes groupOpenids; a member is shown once, by groupOpenid. */
type Members = Paged<string>;
const idsOf = (page: MemberPage) => ({ items: page.items.map((member) => member.groupOpenid), next: page.next });
const same = (id: string) => id;

Component({
  data: {
    // Set in onLoad; the page renders nothing before (wx:if).
    t: null as unknown as Messages,
    taskId: '',
    unposted: false,
    task: null as TaskView | null,
    view: null as TaskPageView | null,
    /**
     * The members loaded so far, a page each (one member-list per page): kept across refreshes and the countdown's
     * ticks, which send only the view's head, so a long list is never sent or drawn again.
     */
    lists: null as Record<MemberList, Members> | null,
    /** The list whose next page is on its way. */
    more: null as MemberList | null,
    reminder: null as Reminder | null,
    /** When the shown task was loaded: a deadline after it means the page may still offer what it no longer allows. */
    loadedAt: 0,
    loading: true,
    busy: false,
    refreshing: false,
    hidden: false,
    error: '',
    /** The progress image being previewed (null: closed) and its exported file ('' while it is prepared). */
    image: null as ProgressImage | null,
    imagePath: '',
  },
  methods: {
    onLoad(query: { taskId?: string; unposted?: string }) {
      this.setData({
        t: messagesFor(),
        taskId: decodeURIComponent(query.taskId ?? ''),
        unposted: query.unposted === '1',
      });
      timers.set(
        this,
        setInterval(() => this.tick(), TICK_MS),
      );
      return this.load();
    },
    onHide() {
      this.setData({ hidden: true });
    },
    /** Back from WeChat (the chat, a share sheet, another page): others may have acted meanwhile. */
    onShow() {
      if (!this.data.hidden) return undefined;
      this.setData({ hidden: false });
      return this.load();
    },
    /** Moves the countdown on; once it passes the deadline, the server's answer replaces what the page offered. */
    tick() {
      const { task, loadedAt } = this.data;
      if (task && deadlinePassedSince(task, loadedAt, Date.now())) return this.load();
      this.render();
      return undefined;
    },
    onUnload() {
      const timer = timers.get(this);
      if (timer !== undefined) clearInterval(timer);
      timers.delete(this);
    },
    async load() {
      if (!this.data.taskId) {
        this.setData({ loading: false, error: failureMessage(this.data.t, 'NOT_FOUND') });
        return;
      }
      const result = await taskService().getTask({ taskId: this.data.taskId });
      this.setData({ loading: false });
      this.apply(result);
    },
    /** Sends the parts of the view that changed (the countdown, on most ticks). */
    render() {
      const { task, t, unposted, view } = this.data;
      if (task) this.setData(changes('view', view, taskPageView(task, t, Date.now(), unposted)));
    },
    /**
     * A task the server answered: its head replaces the shown one, its first pages the loaded lists' first. The
     * viewer's own place is known whatever was loaded: gone from a list they are no longer in (they just left).
     */
    show(task: TaskView) {
      const { lists } = this.data;
      const { groupOpenid, status } = task.viewer;
      const place = (list: MemberList, viewerIn: TaskView['viewer']['status']): Members => {
        const first = idsOf(task[list]);
        const shown = lists ? withFirstPage(lists[list], first, same) : pagedFrom(first);
        return groupOpenid === null || status === viewerIn ? shown : without(shown, groupOpenid, same);
      };
      const next: Record<MemberList, Members> = {
        participants: place('participants', 'done'),
        waitlist: place('waitlist', 'waitlisted'),
      };
      this.setData({ task, loadedAt: Date.now(), error: '', ...changes('lists', lists, next) });
      this.render();
    },
    /** The next page of `list`, once: a tap on "show more" or the scroll reaching the end. */
    async loadMore(list: MemberList) {
      const { task, lists, more } = this.data;
      const after = lists?.[list].next;
      if (!task || more || !after) return;
      this.setData({ more: list });
      const result = await taskService().listMembers({ taskId: task.id, list, after });
      this.setData({ more: null });
      if (!result.ok) {
        this.fail(result.code);
        return;
      }
      const loaded = this.data.lists?.[list];
      if (loaded) this.setData(changes(`lists.${list}`, loaded, withPage(loaded, idsOf(result.data), after, same)));
    },
    onMore(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { list: MemberList }>) {
      return this.loadMore(event.currentTarget.dataset.list);
    },
    /**
     * The scroll view reached its end: the first list with more to show, participants before the waitlist. A list
     * too short to scroll never gets here, hence the button too (docs/platform.md#long-lists-and-setdata).
     */
    onScrollEnd() {
      const list = MEMBER_LISTS.find((name) => this.data.lists?.[name].next);
      return list ? this.loadMore(list) : undefined;
    },
    /** Shows the task a call returned, or the failure. */
    apply(result: Outcome<TaskView>) {
      if (!result.ok) {
        this.fail(result.code);
        return;
      }
      this.show(result.data);
      void this.prepareReminder();
    },
    fail(code: FailureCode) {
      this.setData({ error: failureMessage(this.data.t, code) });
    },
    /** notifyGroupMembers must run within the tap, so the pending members are fetched beforehand. */
    async prepareReminder(): Promise<FailureCode | null> {
      const { task } = this.data;
      if (!task?.viewer.can.remind) {
        this.setData({ reminder: null });
        return null;
      }
      const result = await taskService().pendingMembers({ taskId: task.id });
      this.setData({ reminder: result.ok ? result.data : null });
      return result.ok ? null : result.code;
    },
    /** Runs one server action with the page marked busy; after a refusal the task is reloaded. */
    async act(run: () => Promise<Outcome<TaskView>>, done: (task: TaskView) => string) {
      if (this.data.busy) return;
      this.setData({ busy: true, error: '' });
      const result = await run();
      this.setData({ busy: false });
      this.apply(result);
      if (result.ok) {
        await weChat().toast(done(result.data), 'success');
      } else if (result.code !== 'NETWORK' && result.code !== 'NOT_IN_CHAT') {
        const error = this.data.error;
        await this.load();
        this.setData({ error });
      }
    },
    /** Leaving, closing soon and ending ask first, in words that fit this task; then run like any other. */
    async confirmThenAct(action: Confirmable) {
      const { t, taskId, task } = this.data;
      if (!task) return;
      const service = taskService();
      const run = {
        leave: () => service.leave({ taskId }),
        closing: () => service.markClosingSoon({ taskId }),
        end: () => service.endTask({ taskId }),
      }[action];
      const { title, content, done } = confirmation(action, task, t);
      const confirmed = await weChat()
        .confirm({ title, content, confirmText: t.confirm, cancelText: t.cancel })
        .catch(() => false);
      if (confirmed) await this.act(run, () => done);
    },
    /** Every button's tap runs its action's method at once: reminding and sharing must stay within the tap. */
    onButton(
      event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, Pick<TaskButton, 'action'>>,
    ) {
      const run: Record<TaskButton['action'], () => unknown> = {
        join: () => this.onJoin(),
        leave: () => this.onLeave(),
        remind: () => this.onRemind(),
        'share-progress': () => this.onShareProgress(),
        'renew-card': () => this.onRenewCard(),
        'closing-soon': () => this.onMarkClosingSoon(),
        end: () => this.onEnd(),
      };
      return run[event.currentTarget.dataset.action]();
    },
    onJoin() {
      const { t, taskId } = this.data;
      return this.act(
        () => taskService().join({ taskId }),
        (task) =>
          task.viewer.status === 'waitlisted' ? t.waitlisted : task.kind === 'complete' ? t.markedDone : t.joined,
      );
    },
    onLeave() {
      return this.confirmThenAct('leave');
    },
    onMarkClosingSoon() {
      return this.confirmThenAct('closing');
    },
    onEnd() {
      return this.confirmThenAct('end');
    },
    /**
     * WeChat allows notifyGroupMembers only within a tap (docs/platform.md, "Tap-only APIs"): nothing is awaited
     * before it. When the pending members are not ready yet, this tap fetches them and asks for another.
     */
    async onRemind() {
      const { t, reminder } = this.data;
      this.setData({ error: '' });
      if (!reminder) {
        void weChat().toast(t.remindPreparing);
        const failed = await this.prepareReminder();
        if (failed) this.fail(failed);
        return undefined;
      }
      if (reminder.members.length === 0) return weChat().toast(t.noPending);
      try {
        await weChat().remind(reminder);
      } catch {
        return this.fail('PLATFORM');
      }
      return weChat().toast(t.reminded, 'success');
    },
    /**
     * Opens the progress image: rendered in <snapshot> and exported now, because shareImageToGroup works only
     * within a tap and the send tap must call it at once (docs/platform.md, "Tap-only APIs", "snapshot").
     */
    async onShareProgress() {
      const { view } = this.data;
      if (!view) return;
      await new Promise<void>((rendered) =>
        this.setData({ error: '', image: progressImage(view), imagePath: '' }, rendered),
      );
      try {
        const imagePath = await weChat().snapshot(this, PROGRESS_IMAGE_SELECTOR);
        if (this.data.image) this.setData({ imagePath });
      } catch {
        this.setData({ image: null });
        this.fail('PLATFORM');
      }
    },
    /** Shares within the tap: nothing is awaited before shareImageToGroup. */
    async onSendImage() {
      const { imagePath, taskId, t } = this.data;
      if (!imagePath) return;
      try {
        await weChat().shareImage(imagePath, taskPagePath(taskId));
      } catch {
        this.fail('PLATFORM');
        return;
      }
      this.setData({ image: null, imagePath: '' });
      await weChat().toast(t.shared, 'success');
    },
    onCloseImage() {
      this.setData({ image: null, imagePath: '' });
    },
    async onRenewCard() {
      if (this.data.busy) return;
      const { t, taskId } = this.data;
      this.setData({ busy: true, error: '' });
      const result = await taskService().renewCard({ taskId });
      if (!result.ok) {
        this.setData({ busy: false });
        this.fail(result.code);
        return;
      }
      const posted = await weChat()
        .publishCard(result.data.share, CARD_IMAGE)
        .then(
          () => true,
          () => false,
        );
      this.setData({ busy: false, unposted: !posted });
      this.show(result.data.task);
      if (posted) await weChat().toast(t.shared, 'success');
      else this.fail('PLATFORM');
    },
    /** Pull to refresh: others may have joined since the page opened. */
    async onRefresh() {
      this.setData({ refreshing: true });
      await this.load();
      this.setData({ refreshing: false });
    },
    onRetry() {
      this.setData({ loading: true, error: '' });
      return this.load();
    },
    onAllTasks() {
      return weChat().redirectTo(ENTRY_PAGE);
    },
  },
});
