// Create a task and post its card to the chat: the server creates the task and its activity_id, then
// WeChat declares the dynamic card (updateShareMenu) and posts it (shareAppMessageToGroup).
import { format, weChat } from 'chat-tool-kit';
import { isOneToOneChat, type TaskKind } from '../../core/types';
import { failureMessage, messagesFor, type Messages } from '../../i18n/index';
import { taskService } from '../../services/task-service';
import { CARD_IMAGE, taskPage } from '../../view/routes';
import { formatDate } from '../../view/task-text';
import {
  checkForm,
  draftOf,
  EMPTY_CHECK,
  EMPTY_FORM,
  firstError,
  isTextField,
  shownErrors,
  type CreateForm,
} from './form';

type FieldInput = WechatMiniprogram.Input<Record<string, never>, { field: string }>;
type Picked = WechatMiniprogram.CustomEvent<{ value: string }>;
type Choice<T> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { value: T }>;

/** One choice of a radio group, as its wx:for draws it. */
interface Option<V extends string> {
  value: V;
  text: string;
  /** Skyline ignores aria-checked, so the selected option says so in its accessible name. */
  label: string;
  chosen: boolean;
}

/** A radio group's options, from each value's text, in that order. */
const optionsOf = <V extends string>(t: Messages, texts: Record<V, string>, chosen: V): Option<V>[] =>
  (Object.keys(texts) as V[]).map((value) => {
    const text = texts[value];
    const label = value === chosen ? format(t.optionSelected, { option: text }) : text;
    return { value, text, label, chosen: value === chosen };
  });

const isCancel = (error: unknown): boolean => /cancel/i.test(JSON.stringify(error) + String(error));

Component({
  data: {
    // Set in onLoad; the page renders nothing before (wx:if).
    t: null as unknown as Messages,
    form: EMPTY_FORM,
    /**
     * Whether the form offers a choice of members: not in a one-to-one chat, where the audience is the other
     * person (docs/platform.md, "selectGroupMembers"); 'checking' until the server said which chat this is.
     */
    audienceChoice: 'checking' as 'checking' | 'offered' | 'none',
    check: EMPTY_CHECK,
    submitted: false,
    publishing: false,
    error: '',
    /** The anchor (field-<name>) the scroll view shows: the first error after Publish. */
    scrollTarget: '',
    today: '',
    counterLabel: '',
    membersLabel: '',
    kinds: [] as Option<TaskKind>[],
    audiences: [] as Option<CreateForm['audience']>[],
  },
  methods: {
    onLoad() {
      this.setData({ t: messagesFor(), today: formatDate(Date.now()) });
      this.update({});
      return this.checkChat();
    },
    /**
     * Asks which chat this is. In a one-to-one chat WeChat answers selectGroupMembers without a picker: the task
     * is for what it returns, never shown, and the server drops the creator when it is there (docs/platform.md,
     * "One-to-one selectGroupMembers"). Otherwise, or if either call fails, the choice is offered.
     */
    async checkChat() {
      const chat = await taskService().resolveChat({});
      const oneToOne = chat.ok && isOneToOneChat(chat.data.chatType);
      const members = oneToOne
        ? await weChat()
            .selectGroupMembers()
            .catch(() => [])
        : [];
      if (members.length === 0) {
        this.setData({ audienceChoice: 'offered' });
        return;
      }
      this.setData({ audienceChoice: 'none' });
      this.update({ audience: 'members', members });
    },
    update(change: Partial<CreateForm>) {
      const form = { ...this.data.form, ...change };
      const { t } = this.data;
      const check = shownErrors(checkForm(form, Date.now(), t), form, this.data.submitted);
      this.setData({
        form,
        check,
        counterLabel: format(t.titleCounterLabel, { used: check.titleUsed, max: check.titleMax }),
        membersLabel: form.members.length ? format(t.changeMembers, { count: form.members.length }) : t.chooseMembers,
        kinds: optionsOf(t, { participate: t.kindParticipate, complete: t.kindComplete }, form.kind),
        audiences: optionsOf(t, { everyone: t.audienceEveryone, members: t.audienceMembers }, form.audience),
      });
    },
    /** Any text input: its data-field names the form value it edits, so a new text field needs no handler. */
    onFieldInput(event: FieldInput) {
      const { field } = event.currentTarget.dataset;
      if (isTextField(field)) this.update({ [field]: event.detail.value });
    },
    onKind(event: Choice<TaskKind>) {
      this.update({ kind: event.currentTarget.dataset.value });
    },
    /** Choosing members opens WeChat's picker every time, so a chosen list can be chosen again. */
    onAudience(event: Choice<CreateForm['audience']>) {
      if (event.currentTarget.dataset.value === 'members') return this.onChooseMembers();
      return this.update({ audience: 'everyone' });
    },
    async onChooseMembers() {
      this.setData({ error: '' });
      try {
        const members = await weChat().selectGroupMembers();
        this.update({ audience: 'members', members });
      } catch (error) {
        if (!isCancel(error)) this.setData({ error: failureMessage(this.data.t, 'PLATFORM') });
      }
    },
    onDeadlineDate(event: Picked) {
      this.update({ deadlineDate: event.detail.value });
    },
    onDeadlineTime(event: Picked) {
      this.update({ deadlineTime: event.detail.value });
    },
    onClearDeadline() {
      this.update({ deadlineDate: '', deadlineTime: '' });
    },
    async onPublish() {
      if (this.data.publishing) return;
      this.setData({ submitted: true, error: '' });
      this.update({});
      const first = firstError(this.data.check, this.data.t);
      if (first) {
        // Cleared first: the scroll view moves only when scroll-into-view changes.
        this.setData({ scrollTarget: '' });
        this.setData({ error: first.message, scrollTarget: `field-${first.field}` });
        return;
      }
      this.setData({ publishing: true });
      const created = await taskService().createTask({ task: draftOf(this.data.form) });
      if (!created.ok) {
        this.setData({ publishing: false, error: failureMessage(this.data.t, created.code) });
        return;
      }
      const { task, share } = created.data;
      // The task exists now; if posting the card fails, the task page offers to send it again.
      const posted = await weChat()
        .publishCard(share, CARD_IMAGE)
        .then(
          () => true,
          () => false,
        );
      this.setData({ publishing: false });
      await weChat().redirectTo(posted ? taskPage(task.id) : `${taskPage(task.id)}&unposted=1`);
    },
  },
});
