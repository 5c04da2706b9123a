// Starting a poll: a question and 2 to 6 options, checked as they are typed with the rules the server applies
// (core/poll.ts); publishing creates the poll, then posts its card to the chat.
import type { CardShare } from 'chat-tool-kit';
import { countCharacters, format, weChat } from 'chat-tool-kit';
import { OPTIONS_MAX, OPTIONS_MIN, QUESTION_MAX, optionsProblem, questionProblem } from '../../core/poll';
import { pollPage } from '../../core/view';
import { messages, type Messages } from '../../i18n/texts';
import { pollService } from '../../services/poll-service';

/** The card's own 5:4 picture: without one WeChat shows a screenshot of this form (docs/platform.md). */
const CARD_IMAGE = '/packagePoll/assets/card.png';

interface OptionField {
  /** Stable across removals, so wx:for keeps each input with its text. */
  key: number;
  text: string;
  label: string;
  removeLabel: string;
}

type Input = WechatMiniprogram.Input<Record<string, never>, { index?: number }>;
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>;

let nextKey = 0;

const optionFields = (texts: readonly string[], t: Messages): OptionField[] =>
  texts.map((text, index) => ({
    key: (nextKey += 1),
    text,
    label: format(t.optionLabel, { index: index + 1 }),
    removeLabel: format(t.removeOption, { index: index + 1 }),
  }));

Component({
  data: {
    t: null as unknown as Messages,
    question: '',
    questionCounter: '',
    options: [] as OptionField[],
    minOptions: OPTIONS_MIN,
    maxOptions: OPTIONS_MAX,
    publishing: false,
    /** The poll's card when posting it failed: the creator posts it again from a tap. */
    share: null as CardShare | null,
    pollId: '',
    error: '',
  },
  methods: {
    onLoad() {
      const t = messages();
      this.setData({
        t,
        options: optionFields(Array<string>(OPTIONS_MIN).fill(''), t),
        questionCounter: format(t.counter, { used: 0, max: QUESTION_MAX }),
      });
    },
    texts(): string[] {
      return this.data.options.map((option) => option.text);
    },
    onQuestion(event: Input) {
      const question = event.detail.value;
      const used = countCharacters(question.trim());
      this.setData({ question, questionCounter: format(this.data.t.counter, { used, max: QUESTION_MAX }) });
    },
    onOption(event: Input) {
      const index = event.currentTarget.dataset.index ?? 0;
      this.setData({ [`options[${index}].text`]: event.detail.value });
    },
    onAdd() {
      this.setData({ options: optionFields([...this.texts(), ''], this.data.t) });
    },
    onRemove(event: Tap) {
      const { index } = event.currentTarget.dataset;
      this.setData({
        options: optionFields(
          this.texts().filter((_, i) => i !== index),
          this.data.t,
        ),
      });
    },
    async onPublish() {
      if (this.data.publishing) return;
      const { t, question } = this.data;
      const problem = questionProblem(question) ?? optionsProblem(this.texts());
      if (problem !== null) {
        this.setData({ error: t.errors[problem] });
        return;
      }
      this.setData({ publishing: true, error: '' });
      const created = await pollService().createPoll({ poll: { question, options: this.texts() } });
      if (!created.ok) {
        this.setData({ publishing: false, error: t.errors[created.code] });
        return;
      }
      const { poll, share } = created.data;
      this.setData({ publishing: false, pollId: poll.id });
      await this.post(share);
    },
    /** The poll exists; the card is posted again from this tap (a share must follow a tap). */
    onShareAgain() {
      const { share } = this.data;
      return share ? this.post(share) : undefined;
    },
    async post(share: CardShare) {
      try {
        await weChat().publishCard(share, CARD_IMAGE);
      } catch {
        this.setData({ share, error: this.data.t.errors.PLATFORM });
        return;
      }
      await weChat().redirectTo(pollPage(this.data.pollId));
    },
  },
});
