// The poll's stored documents from before the platform-neutral names, in the new ones: what `npm run upgrade:data
// -- --tool poll` writes (docs/platforms.md, "Upgrading a deployment from before the neutral names"). Pure: the
// kit's runner (kit/server/upgrade.ts) reads and writes, the kit's pure upgrades rename a member's fields, a
// binding and a card record. Never bundled (src/main.ts does not import it).
//
// A poll renames ids in three places: the creator and each vote ({ openid, groupOpenid } → { userId, memberId },
// a vote's option and time kept) and the card record's marks (card.shown.doneGroupOpenids → doneMemberIds). Every
// other field stays as it is.
import type { StoredFields, Upgraded } from '../../../../../kit/server/neutral-names';
import {
  unreadable,
  upgradeBindingDocument,
  upgradeCardRecord,
  upgradeMember,
  upgradeMembers,
} from '../../../../../kit/server/neutral-names';
import type { CollectionUpgrade } from '../../../../../kit/server/upgrade';
import { isRecord, ok } from 'chat-tool-kit';
import { MEMBERS_COLLECTION, POLLS_COLLECTION } from './handlers';

/** The votes renamed one by one (the new version appends votes in the new names to an old list); one per user. */
function upgradeVotes(value: unknown): Upgraded<unknown[]> {
  const votes = upgradeMembers(value, 'votes');
  if (!votes.ok || !Array.isArray(value)) return votes;
  // Two votes of one user arise only from a member ticket passing an old binding between the deploy and the run
  // (the steps clear MEMBER_TICKET_KEY): which of them counts is not the upgrade's to guess.
  const voters = (votes.data ?? value).map((vote) => (isRecord(vote) ? vote.userId : undefined));
  const again = voters.findIndex((userId, at) => voters.indexOf(userId) !== at);
  if (again === -1) return votes;
  return unreadable(`votes[${voters.indexOf(voters[again])}] and votes[${again}] are both ${String(voters[again])}'s`);
}

/**
 * A stored poll in the new names; null when it is in them already. Each part is upgraded on its own, since the new
 * version may have written some in the new names first (a vote, a card mark); any part in neither layout makes the
 * whole poll unreadable, reported and left as it is.
 */
export function upgradePollDocument(doc: StoredFields): Upgraded<StoredFields> {
  const { creator, votes, card } = doc;
  const renamed = upgradeMember(creator, 'creator');
  const cast = upgradeVotes(votes);
  const marked = upgradeCardRecord(card);
  if (!renamed.ok || !cast.ok || !marked.ok) {
    const problems = [renamed, cast, marked].flatMap((answer) => (answer.ok ? [] : [answer.error.message]));
    return unreadable(`poll ${doc._id}: ${problems.join('; ')}`);
  }
  if (renamed.data === null && cast.data === null && marked.data === null) return ok(null);
  return ok({
    ...doc,
    creator: renamed.data ?? creator,
    votes: cast.data ?? votes,
    card: marked.data ?? card,
  });
}

/**
 * What `npm run upgrade:data -- --tool poll` upgrades, in this order: the polls, then the member bindings. While a
 * member's binding is old the new version refuses them (CHAT_PROOF_FOREIGN) before anything is written, so no member
 * who used the poll before votes on or closes a poll still in the old names.
 */
export const POLL_UPGRADES: readonly CollectionUpgrade[] = [
  { collection: POLLS_COLLECTION, upgrade: upgradePollDocument },
  { collection: MEMBERS_COLLECTION, upgrade: upgradeBindingDocument },
];
