// One poll: the options with their counts, a vote by tapping an option while the poll is open, and for its
// creator the end of the poll. The server is the truth: a second vote is refused there, whatever the page showed.
import { format, weChat } from 'chat-tool-kit';
import type { PollView } from '../../core/view';
import { messages, type Messages } from '../../i18n/texts';
import { pollService } from '../../services/poll-service';

interface OptionRow {
  text: string;
  count: string;
  percent: number;
  mine: boolean;
  label: string;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>;

/** What the page shows of a poll, in the viewer's language. */
function shown(poll: PollView, t: Messages) {
  const rows: OptionRow[] = poll.options.map((option, index) => {
    const count = format(t.votes, { count: option.votes });
    return {
      text: option.text,
      count,
      percent: poll.voters === 0 ? 0 : Math.round((option.votes / poll.voters) * 100),
      mine: poll.viewer.option === index,
      label: poll.state === 'open' ? format(t.voteFor, { option: option.text }) : `${option.text} ${count}`,
    };
  });
  const mine = poll.viewer.option === null ? null : poll.options[poll.viewer.option];
  return {
    poll,
    rows,
    status: `${poll.state === 'open' ? t.open : t.closed} · ${format(t.voters, { count: poll.voters })}`,
    yourVote: mine ? format(t.yourVote, { option: mine.text }) : '',
  };
}

Component({
  data: {
    t: null as unknown as Messages,
    pollId: '',
    poll: null as PollView | null,
    rows: [] as OptionRow[],
    status: '',
    yourVote: '',
    busy: false,
    refreshing: false,
    error: '',
  },
  methods: {
    onLoad(query: { pollId?: string }) {
      this.setData({ t: messages(), pollId: query.pollId ?? '' });
      return this.load();
    },
    async load() {
      const answer = await pollService().getPoll({ pollId: this.data.pollId });
      if (answer.ok) this.setData(shown(answer.data, this.data.t));
      else this.setData({ error: this.data.t.errors[answer.code] });
    },
    /** Pull to refresh: the votes cast since the page opened. */
    async onRefresh() {
      this.setData({ refreshing: true, error: '' });
      await this.load();
      this.setData({ refreshing: false });
    },
    async onVote(event: Tap) {
      const { poll, busy, t } = this.data;
      if (!poll || poll.state !== 'open' || busy) return;
      this.setData({ busy: true, error: '' });
      const answer = await pollService().vote({ pollId: poll.id, option: event.currentTarget.dataset.index });
      this.setData(
        answer.ok ? { busy: false, ...shown(answer.data, t) } : { busy: false, error: t.errors[answer.code] },
      );
    },
    async onClose() {
      const { poll, busy, t } = this.data;
      if (!poll || busy) return;
      const sure = await weChat().confirm({
        title: t.closeTitle,
        content: t.closeBody,
        confirmText: t.closePoll,
        cancelText: t.cancel,
      });
      if (!sure) return;
      this.setData({ busy: true, error: '' });
      const answer = await pollService().closePoll({ pollId: poll.id });
      this.setData(
        answer.ok ? { busy: false, ...shown(answer.data, t) } : { busy: false, error: t.errors[answer.code] },
      );
    },
  },
});
