// The groupPoll function: one handler per action of the poll's table (packagePoll/core/actions.ts), on the kit's
// server part: identity from the chatProof, the content check, the store primitive, card sync and the function
// shell. The rules and their changes are the domain's (packagePoll/core/poll.ts, changes.ts); here they meet the
// store and WeChat.
import type { Handlers } from 'chat-tool-kit';
import { newBinding, ok, VERSION_TYPE } from 'chat-tool-kit';
import { createCardSync, type CardRecorded, type CardRecords } from '../../../../../kit/server/card-sync';
import { createChatToolFunction, type Call } from '../../../../../kit/server/chat-tool-function';
import { triggers } from '../config.json';
import { createContentCheck } from '../../../../../kit/server/content-check';
import { createIdentity } from '../../../../../kit/server/identity';
import { memberBindings } from '../../../../../kit/server/member-bindings';
import type { ToolContext } from '../../../../../kit/server/ports';
import { sweepDue } from '../../../../../kit/server/sweep';
import type { DocumentStore } from '../../../../../kit/server/store/types';
import { POLL_ACTIONS, type PollActions } from '../../../packagePoll/core/actions';
import { refuse } from '../../../packagePoll/core/errors';
import { cardRecordChange, closeChange, voteChange } from '../../../packagePoll/core/changes';
import { cardTargetOf, inRoom, newPoll, type Poll } from '../../../packagePoll/core/poll';
import { pollSummary, pollView, shareOf } from '../../../packagePoll/core/view';

export const POLLS_COLLECTION = 'group_polls';
/** Who presented which group_openid in which chat (the kit's member bindings), the poll's own. */
export const MEMBERS_COLLECTION = 'group_poll_members';
/** The newest polls of a chat the entry page lists. */
const LIST_LIMIT = 50;
/** Polls whose card one timer run brings back in line, at most. */
const SWEEP_LIMIT = 100;
/** msgSecCheck's scene for text the whole chat reads: 3 论坛 (docs/platform.md, "msgSecCheck"). */
const CONTENT_SCENE = 3;

export interface GroupPollDeps extends ToolContext {
  documents: DocumentStore;
}

export function createGroupPoll({ documents, platform, clock, newId, cardSyncTimeoutMs, log, tickets }: GroupPollDeps) {
  const polls = documents.collection<Poll>(POLLS_COLLECTION);
  const bindings = memberBindings(documents, MEMBERS_COLLECTION);
  const identity = createIdentity({ platform, bindings, clock, log, tickets });
  const checkContent = createContentCheck({ platform, scene: CONTENT_SCENE, log });

  /** What WeChat answered, recorded beside the poll as the domain decides (core/changes.ts). */
  const records: CardRecords<CardRecorded & { poll: Poll }> = {
    async recordCard(pollId, activityId, sync) {
      const recorded = await polls.change(pollId, (poll) =>
        ok(cardRecordChange(poll, activityId, sync) ?? { change: null, premises: [], result: null }),
      );
      if (!recorded.ok) {
        if (recorded.error.code === 'NOT_FOUND') return null;
        throw new Error(`the card of poll ${pollId} was not recorded: ${recorded.error.code}`);
      }
      const poll = recorded.data;
      return poll && { binding: poll.card, target: cardTargetOf(poll), poll };
    },
  };
  const cards = createCardSync({ platform, clock, timeoutMs: cardSyncTimeoutMs, log, records });

  /** The card brought in line with the poll after the poll's change committed; the poll as it was then recorded. */
  async function synced(poll: Poll): Promise<Poll> {
    const { recorded } = await cards.sync(poll._id, poll.card, cardTargetOf(poll));
    return recorded?.poll ?? poll;
  }

  /** A poll of the caller's room. */
  async function pollOf(pollId: string, roomId: string) {
    const poll = await polls.get(pollId);
    return poll === null ? refuse<Poll>('NOT_FOUND', 'no such poll') : inRoom(poll, roomId);
  }

  const handlers: Handlers<PollActions, Call> = {
    async createPoll({ chatProof, envVersion, poll: draft }, { userId }) {
      const caller = await identity.caller(chatProof, userId);
      if (!caller.ok) return caller;
      const checked = await checkContent(userId, { title: draft.question, content: draft.options.join('\n') });
      if (!checked.ok) return checked;
      const activity = await cards.newActivity('WeChat did not create the card; nothing was saved');
      if (!activity.ok) return activity;
      const poll = newPoll({
        id: newId(),
        draft,
        room: caller.data.room,
        creator: caller.data.member,
        card: newBinding(activity.data, VERSION_TYPE[envVersion]),
        now: clock.now(),
      });
      if ((await polls.insert(poll)) === 'exists') {
        return refuse('INTERNAL', 'a poll id was given twice');
      }
      return ok({ poll: pollView(poll, userId), share: shareOf(poll) });
    },

    async listPolls({ chatProof }, { userId }) {
      const caller = await identity.caller(chatProof, userId);
      if (!caller.ok) return caller;
      const found = await polls.find({
        where: { 'room.id': caller.data.room.id },
        orderBy: { path: 'createdAt', order: 'desc' },
        limit: LIST_LIMIT,
      });
      return ok(found.map((poll) => pollSummary(poll, userId)));
    },

    async getPoll({ chatProof, pollId }, { userId }) {
      const caller = await identity.caller(chatProof, userId);
      if (!caller.ok) return caller;
      const poll = await pollOf(pollId, caller.data.room.id);
      return poll.ok ? ok(pollView(poll.data, userId)) : poll;
    },

    /** A guarded change (core/changes.ts): the vote lands only while the poll is open and holds no vote of the member. */
    async vote({ chatProof, pollId, option }, { userId }) {
      const caller = await identity.caller(chatProof, userId);
      if (!caller.ok) return caller;
      const { room, member } = caller.data;
      const voted = await polls.change(pollId, (poll) => {
        const here = inRoom(poll, room.id);
        return here.ok ? voteChange(poll, member, option, clock.now()) : here;
      });
      return voted.ok ? ok(pollView(await synced(voted.data), userId)) : voted;
    },

    async closePoll({ chatProof, pollId }, { userId }) {
      const caller = await identity.caller(chatProof, userId);
      if (!caller.ok) return caller;
      const { room } = caller.data;
      const closed = await polls.change(pollId, (poll) => {
        const here = inRoom(poll, room.id);
        return here.ok ? closeChange(poll, userId) : here;
      });
      return closed.ok ? ok(pollView(await synced(closed.data), userId)) : closed;
    },
  };

  /** The timer: every poll whose card may lag behind (a time-out, WeChat failing) is synced again. */
  const sweep = () =>
    sweepDue({
      due: async () => {
        const behind = await polls.find({
          where: { cardBehind: true, 'card.expiresAt': { gt: clock.now() } },
          limit: SWEEP_LIMIT,
          fields: ['_id'],
        });
        return behind.map((poll) => poll._id);
      },
      visit: async (pollId, until) => {
        const poll = await polls.get(pollId);
        if (poll === null) return null;
        const { sent, failed } = await cards.sync(pollId, poll.card, cardTargetOf(poll), until);
        return { pollId, sent, failed };
      },
      log,
    });

  return createChatToolFunction({ actions: POLL_ACTIONS, handlers, clock, log, timer: { run: sweep, triggers } });
}
