// Create a task and post its card to the chat: the server creates the task and its activity_id, then
// WeChat declares the dynamic card (updateShareMenu) and posts it (shareAppMessageToGroup).
import { isOneToOneChat, weChat } from 'chat-tool-kit';
import type { TaskKind } from '../../core/types';
import { failureMessage, messagesFor, type Messages } from '../../i18n/texts';
import { taskService } from '../../services/task-service';
import { CARD_IMAGE, taskPage } from '../../core/api';
import { formatDate } from '../../view/time';
import { draftOf, EMPTY_FORM, firstError, formView, type CreateForm, type FormErrors, type TextField } from './form';

type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: TextField }>;
type Choice = WechatMiniprogram.TouchEvent<
  Record<string, never>,
  Record<string, never>,
  { name: 'kind'; value: TaskKind } | { name: 'audience'; value: CreateForm['audience'] }
>;

Component({
  data: {
    // Set in onLoad; the page renders nothing before (wx:if), so the rest of formView starts unset.
    t: null as unknown as Messages,
    form: EMPTY_FORM,
    errors: {} as FormErrors,
    /**
     * Whether the form offers a choice of members: not in a one-to-one chat, where the audience is the other
     * person (docs/platform.md, "selectGroupMembers"); '' until the server said which chat this is.
     */
    audienceChoice: '' as '' | 'offered' | 'none',
    submitted: false,
    publishing: false,
    error: '',
    /** The anchor (field-<name>) the scroll view shows: the first error after Publish. */
    scrollTarget: '',
  },
  methods: {
    /**
     * Shows the form, then asks which chat this is. In a one-to-one chat WeChat answers selectGroupMembers without
     * a picker: the task is for what it returns, never shown, and the server drops the creator when it is there
     * (docs/platform.md, "One-to-one selectGroupMembers"). Otherwise, or if either call fails, the choice is offered.
     */
    async onLoad() {
      // One setData: the page renders as soon as `t` is set (wx:if), so what formView gives it comes along.
      const t = messagesFor();
      this.setData({ t, today: formatDate(Date.now()), ...formView(this.data.form, Date.now(), t, false) });
      const chat = await taskService().resolveChat({});
      const members =
        chat.ok && isOneToOneChat(chat.data.chatType)
          ? await weChat()
              .selectGroupMembers()
              .catch(() => [])
          : [];
      this.setData({ audienceChoice: members.length ? 'none' : 'offered' });
      if (members.length) this.update({ audience: 'members', members });
    },
    update(change: Partial<CreateForm>) {
      const form = { ...this.data.form, ...change };
      this.setData({ form, ...formView(form, Date.now(), this.data.t, this.data.submitted) });
    },
    /** Any text input or picker: its data-field names the form value it edits, so a new one needs no handler. */
    onFieldInput(event: FieldInput) {
      this.update({ [event.currentTarget.dataset.field]: event.detail.value });
    },
    /** An option of a radio group. Choosing members opens WeChat's picker every time, so a list can be chosen again. */
    onChoose(event: Choice) {
      const choice = event.currentTarget.dataset;
      if (choice.name === 'kind') return this.update({ kind: choice.value });
      return choice.value === 'members' ? this.onChooseMembers() : this.update({ audience: 'everyone' });
    },
    async onChooseMembers() {
      this.setData({ error: '' });
      try {
        this.update({ audience: 'members', members: await weChat().selectGroupMembers() });
      } catch (error) {
        // Cancelling the picker is no failure.
        if (!/cancel/i.test(JSON.stringify(error) + String(error))) {
          this.setData({ error: failureMessage(this.data.t, { code: 'PLATFORM' }) });
        }
      }
    },
    onClearDeadline() {
      this.update({ deadlineDate: '', deadlineTime: '' });
    },
    async onPublish() {
      if (this.data.publishing) return;
      this.setData({ submitted: true, error: '' });
      this.update({});
      const { t, form } = this.data;
      const first = firstError(this.data.errors, t);
      if (first) {
        // Cleared first: the scroll view moves only when scroll-into-view changes.
        this.setData({ scrollTarget: '' });
        this.setData({ error: first.message, scrollTarget: `field-${first.field}` });
        return;
      }
      this.setData({ publishing: true });
      const created = await taskService().createTask({ task: draftOf(form) });
      if (!created.ok) {
        this.setData({ publishing: false, error: failureMessage(t, created) });
        return;
      }
      const { task, share } = created.data;
      // The task exists now; if posting the card fails, the task page offers to send it again.
      const unposted = await weChat()
        .publishCard(share, CARD_IMAGE)
        .then(
          () => '',
          () => '&unposted=1',
        );
      this.setData({ publishing: false });
      await weChat().redirectTo(taskPage(task.id) + unposted);
    },
  },
});
