// The WeCom chat-toolbar page (docs/platforms.md#wecom-client): WeCom has no Skyline, so the group task reaches it as
// this ordinary main-package page. It logs in, reads where it was opened (getContext) and the chat, then shows the
// chat's tasks live (WeCom cannot update a sent card), creates one and sends its card into the chat, signs up,
// marks done, leaves and ends. Everything outside the page goes through its services (miniprogram/services/wecom.ts).
// ES5 syntax and built-ins only, async steps as promise chains: WeCom runs an older base library
// (docs/platform.md#engines).
import type { TaskSummary } from '../../../packageChatTool/core/api';
import { WECOM_CARD_IMAGE_URL, WECOM_SERVICE_URL } from '../../config';
import type { WecomAnswer, WecomServices } from '../../services/wecom';
import { wecomServices } from '../../services/wecom';
import { fill, wecomError, wecomTexts } from '../../utils/wecom-texts';

type Stage = 'loading' | 'notWecom' | 'outsideChat' | 'inChat' | 'failed';

/** A task as a row shows it: what it says and which buttons it offers this member. */
interface TaskRow {
  id: string;
  title: string;
  progress: string;
  ended: boolean;
  join: boolean;
  leave: boolean;
  end: boolean;
  publish: boolean;
  joinText: string;
  joinLabel: string;
  leaveLabel: string;
  endLabel: string;
  publishLabel: string;
}

/** The page's services, made once in onLoad (kept off `data`: they are functions). */
interface Held {
  connection?: WecomServices;
}

var texts0 = wecomTexts('zh_CN');

Component({
  data: {
    texts: texts0,
    theme: 'light',
    stage: 'loading' as Stage,
    error: '',
    notice: '',
    busy: false,
    rows: [] as TaskRow[],
    title: '',
    kind: 'participate' as 'participate' | 'complete',
    capacity: '',
  },
  methods: {
    onLoad: function () {
      var info = wx.getSystemInfoSync();
      var texts = wecomTexts(info.language);
      wx.setNavigationBarTitle({ title: texts.title });
      (this as Held).connection = wecomServices(wx, {
        serviceUrl: WECOM_SERVICE_URL,
        cardImageUrl: WECOM_CARD_IMAGE_URL,
      });
      this.setData({ texts: texts, theme: info.theme === 'dark' ? 'dark' : 'light' });
      return this.enter();
    },
    services: function (): WecomServices {
      return (this as Held).connection!;
    },
    enter: function (): Promise<void> {
      var page = this;
      page.setData({ stage: 'loading', error: '' });
      return page
        .services()
        .start()
        .then(function (start) {
          page.setData({ stage: start.kind });
          return start.kind === 'inChat' ? page.reload() : undefined;
        })
        .catch(function (error: { code?: string }) {
          page.setData({ stage: 'failed', error: wecomError(page.data.texts, error && error.code ? error.code : '') });
        });
    },
    /** The chat's tasks, newest first (the first page). */
    reload: function (): Promise<void> {
      var page = this;
      return page
        .services()
        .call('listRoomTasks', {})
        .then(function (answer) {
          if (!page.shown(answer)) return;
          var rows: TaskRow[] = [];
          for (var i = 0; i < answer.data.items.length; i += 1) rows.push(page.rowOf(answer.data.items[i]!));
          page.setData({ rows: rows });
        });
    },
    rowOf: function (task: TaskSummary): TaskRow {
      var texts = this.data.texts;
      var open = task.state !== 'ended';
      var signedUp = task.status === 'done' || task.status === 'waitlisted';
      var named = { title: task.title };
      var joinText = task.kind === 'complete' ? texts.markDone : texts.join;
      return {
        id: task.id,
        title: task.title,
        progress: open ? fill(task.kind === 'complete' ? texts.done : texts.joined, { count: task.done }) : texts.ended,
        ended: !open,
        join: open && !task.isCreator && !signedUp,
        leave: open && signedUp,
        end: open && task.isCreator,
        publish: open && task.isCreator,
        joinText: joinText,
        joinLabel: fill(task.kind === 'complete' ? texts.markDoneLabel : texts.joinLabel, named),
        leaveLabel: fill(texts.leaveLabel, named),
        endLabel: fill(texts.endLabel, named),
        publishLabel: fill(texts.publishLabel, named),
      };
    },
    /** Whether an answer succeeded; a refusal is shown in the page's language. */
    shown: function <T>(answer: WecomAnswer<T>): answer is { ok: true; data: T } {
      if (answer.ok) return true;
      this.setData({ error: wecomError(this.data.texts, answer.error.code), notice: '' });
      return false;
    },
    /** Runs one change at a time, then shows the live list. */
    act: function (run: () => Promise<boolean>): Promise<void> {
      var page = this;
      if (page.data.busy) return Promise.resolve();
      page.setData({ busy: true, error: '', notice: '' });
      return run()
        .then(function (changed) {
          return changed ? page.reload() : undefined;
        })
        .then(function () {
          page.setData({ busy: false });
        });
    },
    onTitle: function (event: WechatMiniprogram.Input) {
      this.setData({ title: event.detail.value });
    },
    onCapacity: function (event: WechatMiniprogram.Input) {
      this.setData({ capacity: event.detail.value });
    },
    onKind: function (event: WechatMiniprogram.RadioGroupChange) {
      this.setData({ kind: event.detail.value === 'complete' ? 'complete' : 'participate' });
    },
    onCreate: function (): Promise<void> {
      var page = this;
      var capacity = page.data.kind === 'participate' && page.data.capacity !== '' ? Number(page.data.capacity) : null;
      var task = {
        title: page.data.title,
        kind: page.data.kind,
        audience: { kind: 'everyone' as const },
        capacity: capacity,
      };
      var envVersion = wx.getAccountInfoSync().miniProgram.envVersion;
      return page.act(function () {
        return page
          .services()
          .call('createTask', { envVersion: envVersion, task: task })
          .then(function (answer) {
            if (!page.shown(answer)) return false;
            page.setData({ title: '', capacity: '' });
            return page.send(answer.data.task.title).then(function () {
              return true;
            });
          });
      });
    },
    /** Sends a card into the chat: WeCom shows it as sent, never updated. */
    send: function (title: string): Promise<void> {
      var page = this;
      if (WECOM_CARD_IMAGE_URL === '') {
        page.setData({ error: page.data.texts.noCardImage });
        return Promise.resolve();
      }
      return page
        .services()
        .publish(title)
        .then(function (answer) {
          if (page.shown(answer)) page.setData({ notice: page.data.texts.published });
        });
    },
    onPublish: function (event: WechatMiniprogram.TouchEvent): Promise<void> {
      var page = this;
      var title = String(event.currentTarget.dataset.title);
      return page.act(function () {
        return page.send(title).then(function () {
          return false;
        });
      });
    },
    change: function (action: 'join' | 'leave' | 'endTask', event: WechatMiniprogram.TouchEvent): Promise<void> {
      var page = this;
      var taskId = String(event.currentTarget.dataset.id);
      return page.act(function () {
        return page
          .services()
          .call(action, { taskId: taskId })
          .then(function (answer) {
            return page.shown(answer);
          });
      });
    },
    onJoin: function (event: WechatMiniprogram.TouchEvent) {
      return this.change('join', event);
    },
    onLeave: function (event: WechatMiniprogram.TouchEvent) {
      return this.change('leave', event);
    },
    onEnd: function (event: WechatMiniprogram.TouchEvent) {
      return this.change('endTask', event);
    },
    onRetry: function () {
      return this.enter();
    },
  },
});
