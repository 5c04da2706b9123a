// The poll's entry page (app.json chatTools.entryPagePath). In a chat it lists the chat's polls and offers a new
// one; a card opens it with ?pollId, which goes straight to that poll. Anywhere else it says where the tool is.
import { format, weChat } from 'chat-tool-kit';
import { CREATE_PAGE, pollPage, type PollSummary } from '../../core/view';
import { messages, type Messages } from '../../i18n/texts';
import { pollService } from '../../services/poll-service';

interface PollRow {
  id: string;
  question: string;
  status: string;
  label: string;
}

function rowOf(poll: PollSummary, t: Messages): PollRow {
  const status = [
    poll.state === 'open' ? t.open : t.closed,
    format(t.voters, { count: poll.voters }),
    ...(poll.voted ? [t.voted] : []),
    ...(poll.isCreator ? [t.mine] : []),
  ].join(' · ');
  return { id: poll.id, question: poll.question, status, label: format(t.openPoll, { question: poll.question }) };
}

Component({
  data: {
    // Set in onLoad; the page renders nothing before (wx:if).
    t: null as unknown as Messages,
    inChat: false,
    loaded: false,
    hidden: false,
    refreshing: false,
    polls: [] as PollRow[],
    error: '',
  },
  methods: {
    onLoad(query: { pollId?: string }) {
      const inChat = weChat().apiCategory() === 'chatTool';
      this.setData({ t: messages(), inChat });
      if (!inChat) return undefined;
      // A card's ?pollId opens that poll; should the page not open, the chat's list is shown instead.
      if (query.pollId)
        return weChat()
          .redirectTo(pollPage(query.pollId))
          .catch(() => this.refresh());
      return this.refresh();
    },
    onHide() {
      this.setData({ hidden: true });
    },
    onShow() {
      // Back from the create or poll page: show what changed there.
      if (!this.data.hidden) return undefined;
      this.setData({ hidden: false });
      return this.refresh();
    },
    async refresh() {
      this.setData({ error: '' });
      const { t } = this.data;
      const listed = await pollService().listPolls({});
      if (listed.ok) this.setData({ loaded: true, polls: listed.data.map((poll) => rowOf(poll, t)) });
      else this.setData({ error: t.errors[listed.code] });
    },
    /** Pull to refresh. */
    async onRefresh() {
      this.setData({ refreshing: true });
      await this.refresh();
      this.setData({ refreshing: false });
    },
    onCreate() {
      return weChat().navigateTo(CREATE_PAGE);
    },
    onOpen(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      return weChat().navigateTo(pollPage(event.currentTarget.dataset.id));
    },
  },
});
