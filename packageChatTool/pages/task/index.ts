// What tapping the card opens: one task, as its viewer may see and act on it. Participants sign up (with a note),
// edit their note, mark done or leave; the creator reminds pending members, marks the task closing soon, ends it,
// shares a progress image, sends the list as a file, celebrates a task that reached everyone and sends the card
// again. Everyone else gets a read-only view. The server words what the page shows in the viewer's language, buttons
// and dialogs included (TaskView.shown); the page adds the deadline and the countdown, which move with its own clock
// (view/time.ts).
import type { Confirmable, MemberList, ParticipantView, Reminder, TaskShown, TaskView } from '../../core/api';
import { CARD_IMAGE, ENTRY_PAGE, MEMBER_LISTS, taskPagePath } from '../../core/api';
import { NOTE_MAX } from '../../core/limits';
import { weChat as kitWeChat, type SendOptions } from 'chat-tool-kit';
import { failureMessage, messagesFor, type Messages } from '../../i18n/texts';
import { taskService as sharedTaskService, type Failure, type Outcome } from '../../services/task-service';
import { changes } from '../../view/changes';
import { pagedFrom, withFirstPage, withPage, without, type Paged } from '../../view/paged';
import { countdown, deadlineLine, deadlinePassedSince } from '../../view/time';

/**
 * Imported functions under local names: each call of an imported one compiles to `(0, module.name)(…)`, and this
 * page calls these two 17 times (docs/pages.md, "Size").
 */
const weChat = kitWeChat;
const taskService = sharedTaskService;

/** WeChat failed a step (a send, the snapshot, the file): the page's own words. */
const PLATFORM = { code: 'PLATFORM' } as const;

/** The countdown moves on every 30 s while the page is open; the tick after the deadline reloads the task. */
const TICK_MS = 30 * 1000;
const timers = new WeakMap<object, ReturnType<typeof setInterval>>();

/** The member-list component takes the members with their notes; a member is shown once, by memberId. */
type Members = Paged<ParticipantView>;
const same = (member: ParticipantView) => member.memberId;

/**
 * What waits for the send tap: the progress image or the celebration (a <snapshot>, exported into `options`), or
 * the exported list's file. These sends work only within a tap, so one tap prepares and the next sends
 * (docs/pages.md, "The task page").
 */
interface Outbox {
  api: 'shareImageToGroup' | 'shareEmojiToGroup' | 'shareFileToGroup';
  /** The send's options once the file is ready (none while it is prepared). */
  options?: SendOptions[Outbox['api']];
  /** The file's name (none for an image, which shows itself). */
  name?: string;
}

/** What the page shows: the server's words, the title and description, and the time as the phone reads it. */
interface TaskPageView extends TaskShown {
  title: string;
  /** The description line by line: Skyline ignores white-space: pre-wrap (docs/platform.md, "Skyline"). */
  descriptionLines: string[];
  deadline: string;
  countdown: string;
}

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
    outbox: null as Outbox | null,
    /** The note input, and its characters as the server counts them (code points: countCharacters). */
    note: '',
    noteUsed: 0,
    noteMax: NOTE_MAX,
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
    },
    async load() {
      const { taskId } = this.data;
      const result = taskId ? await taskService().getTask({ taskId }) : ({ ok: false, code: 'NOT_FOUND' } as const);
      this.setData({ loading: false });
      this.apply(result);
    },
    /** Sends the parts of the view that changed (the countdown, on most ticks). */
    render() {
      const { task, t, unposted, view } = this.data;
      if (!task) return;
      const { shown, deadline, description } = task;
      const next: TaskPageView = {
        ...shown,
        title: task.title,
        descriptionLines: description === '' ? [] : description.split(/\r\n?|\n/),
        deadline: deadlineLine(deadline, t),
        countdown: task.state === 'ended' || deadline === null ? '' : countdown(deadline, Date.now(), t),
        cardNotice: (unposted && shown.notPosted) || shown.cardNotice,
      };
      this.setData(changes('view', view, next));
    },
    /**
     * A task the server answered: its head replaces the shown one, its first pages the loaded lists' first. The
     * viewer's own place is known whatever was loaded: gone from a list they are no longer in (they just left).
     */
    show(task: TaskView) {
      const { lists } = this.data;
      const { memberId, status } = task.viewer;
      const place = (list: MemberList, viewerIn: TaskView['viewer']['status']): Members => {
        const first = task[list];
        const shown = lists ? withFirstPage(lists[list], first, same) : pagedFrom(first);
        return memberId === null || status === viewerIn ? shown : without(shown, memberId, same);
      };
      const next: Record<MemberList, Members> = {
        participants: place('participants', 'done'),
        waitlist: place('waitlist', 'waitlisted'),
      };
      // The viewer's own note, wherever their entry is: what the input edits (null: they have none to edit).
      const { note } = task.viewer;
      if (note !== null) this.onNoteInput({ detail: { value: note } });
      this.setData({ task, loadedAt: Date.now(), error: '', ...changes('lists', lists, next) });
      this.render();
    },
    /**
     * The next page of a list, once: a tap on "show more" under it (its data-list), or the scroll view reaching its
     * end (the first list with more to show, participants before the waitlist). A list too short to scroll never
     * gets there, hence the button too (docs/platform.md#long-lists-and-setdata).
     */
    async loadMore(event: { currentTarget: { dataset: { list?: MemberList } } }) {
      const { task, lists, more } = this.data;
      const list = event.currentTarget.dataset.list ?? MEMBER_LISTS.find((name) => lists?.[name].next);
      const after = list && lists?.[list].next;
      if (!task || more || !list || !after) return;
      this.setData({ more: list });
      const result = await taskService().listMembers({ taskId: task.id, list, after });
      this.setData({ more: null });
      if (!result.ok) {
        this.fail(result);
        return;
      }
      const loaded = this.data.lists?.[list];
      if (loaded) this.setData(changes(`lists.${list}`, loaded, withPage(loaded, result.data, after, same)));
    },
    /** Shows the task a call returned, or the failure. */
    apply(result: Outcome<TaskView>) {
      if (!result.ok) {
        this.fail(result);
        return;
      }
      this.show(result.data);
      void this.prepareReminder();
    },
    fail(failure: Failure) {
      this.setData({ error: failureMessage(this.data.t, failure) });
    },
    /** notifyGroupMembers must run within the tap, so the pending members are fetched beforehand. */
    async prepareReminder(): Promise<Failure | null> {
      const { task } = this.data;
      if (!task?.viewer.can.remind) {
        this.setData({ reminder: null });
        return null;
      }
      const result = await taskService().pendingMembers({ taskId: task.id });
      this.setData({ reminder: result.ok ? result.data : null });
      return result.ok ? null : result;
    },
    /**
     * Runs a server action with the page marked busy; leaving, closing soon and ending ask first, in the words the
     * server gave their button. After a refusal the task is reloaded.
     */
    async act(action: 'join' | 'setNote' | Confirmable) {
      const { t, taskId, view, busy, note } = this.data;
      if (!view || busy) return;
      const asked = view.buttons.find((button) => button.action === action)?.ask;
      if (asked) {
        const { title, content } = asked;
        const confirmed = await weChat()
          .confirm({ title, content, confirmText: t.confirm, cancelText: t.cancel })
          .catch(() => false);
        if (!confirmed) return;
      }
      this.setData({ busy: true, error: '' });
      // Signing up and saving carry the note; the server checks it as it checks every note (NOTE_TOO_LONG, the content).
      const result = await (action === 'join' || action === 'setNote'
        ? taskService()[action]({ taskId, note })
        : taskService()[action]({ taskId }));
      this.setData({ busy: false });
      this.apply(result);
      if (result.ok) {
        // A sign-up's toast is where it got the viewer (joined, done or waiting); a saved note's, where they still are.
        await weChat().toast(asked ? asked.done : result.data.shown.status, 'success');
      } else if (result.code !== 'NETWORK' && result.code !== 'NOT_IN_CHAT') {
        const error = this.data.error;
        await this.load();
        this.setData({ error });
      }
    },
    // Each button's tap runs the method its action names (core/api.ts TaskButton), at once: reminding and sharing must
    // stay within the tap.
    join() {
      return this.act('join');
    },
    leave() {
      return this.act('leave');
    },
    setNote() {
      return this.act('setNote');
    },
    /** The typed note, and its characters as the server counts them: code points, as countCharacters does. */
    onNoteInput({ detail: { value } }: { detail: { value: string } }) {
      this.setData({ note: value, noteUsed: [...value].length });
    },
    markClosingSoon() {
      return this.act('markClosingSoon');
    },
    endTask() {
      return this.act('endTask');
    },
    /**
     * WeChat allows notifyGroupMembers only within a tap (docs/platform.md, "Tap-only APIs"): nothing is awaited
     * before it. When the pending members are not ready yet, this tap fetches them and asks for another.
     */
    async remind() {
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
        return this.fail(PLATFORM);
      }
      return weChat().toast(t.reminded, 'success');
    },
    /**
     * Opens the progress image: rendered in <snapshot> and exported now, because shareImageToGroup works only
     * within a tap and the send tap must call it at once (docs/platform.md, "Tap-only APIs", "snapshot").
     */
    shareProgress() {
      return this.snap('shareImageToGroup');
    },
    /** The celebration, a sticker drawn as the progress image is: a file of the phone's, never a package file. */
    celebrate() {
      return this.snap('shareEmojiToGroup');
    },
    async snap(api: Outbox['api']) {
      await new Promise<void>((rendered) => this.setData({ error: '', outbox: { api } }, rendered));
      try {
        // The <snapshot> element's id in index.wxml.
        const imagePath = await weChat().snapshot(this, '#progress-image');
        if (this.data.outbox)
          this.setData({ 'outbox.options': { imagePath, entrancePath: taskPagePath(this.data.taskId) } });
      } catch {
        this.setData({ outbox: null });
        this.fail(PLATFORM);
      }
    },
    /**
     * The list as a file (creator): the server's CSV written under USER_DATA_PATH, where the send tap finds it;
     * the answer arrives after this tap is over (docs/platform.md, "Local files", "Tap-only APIs").
     */
    async exportTask() {
      const { taskId } = this.data;
      const result = await taskService().exportTask({ taskId });
      if (!result.ok) return this.fail(result);
      const { fileName, csv } = result.data;
      const filePath = `${wx.env.USER_DATA_PATH}/${fileName}`;
      try {
        // UTF-8: the text begins with a BOM, which is what makes Excel read it as UTF-8.
        wx.getFileSystemManager().writeFileSync(filePath, csv, 'utf8');
      } catch {
        return this.fail(PLATFORM);
      }
      const options = { filePath, fileName, entrancePath: taskPagePath(taskId) };
      return this.setData({ error: '', outbox: { api: 'shareFileToGroup', options, name: fileName } });
    },
    /**
     * Sends what the outbox holds, within the tap: nothing is awaited before WeChat is called. The port's send, not
     * the kit's checking wrappers: the page builds each option itself, and the wrappers' rules would add 1.4 KB to
     * the chat tool (docs/pages.md, "Size").
     */
    async onSend() {
      const { outbox, t } = this.data;
      if (!outbox?.options) return;
      try {
        await weChat().send(outbox.api, outbox.options);
      } catch {
        this.fail(PLATFORM);
        return;
      }
      this.onCloseOutbox();
      await weChat().toast(t.shared, 'success');
    },
    onCloseOutbox() {
      this.setData({ outbox: null });
    },
    /** Sends the card again: a new activity from the server, posted to the chat. */
    async renewCard() {
      const { t, taskId, busy } = this.data;
      if (busy) return;
      this.setData({ busy: true, error: '' });
      const result = await taskService().renewCard({ taskId });
      const posted =
        result.ok &&
        (await weChat()
          .publishCard(result.data.share, CARD_IMAGE)
          .then(
            () => true,
            () => false,
          ));
      this.setData({ busy: false });
      if (!result.ok) return this.fail(result);
      this.setData({ unposted: !posted });
      this.show(result.data.task);
      return posted ? weChat().toast(t.shared, 'success') : this.fail(PLATFORM);
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
