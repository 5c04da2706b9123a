// The group task's stored documents from before the platform-neutral names, in the new ones (docs/platforms.md,
// "Upgrading a deployment from before the neutral names"): what `npm run upgrade:data` writes. Pure: the kit's
// runner (kit/server/upgrade.ts) reads and writes. Never bundled (src/main.ts does not import it).
//
// A task document renames ids in four places: the creator and each entry of the two lists ({ openid, groupOpenid }
// → { userId, memberId }), the chosen members (audience.groupOpenids → audience.memberIds) and the card record's
// marks (card.shown.doneGroupOpenids → card.shown.doneMemberIds). The index kept beside the task (standing, notes,
// members, chosen, marks and the counts: core/task-record.ts) holds the ids' values as keys and items, never their
// names, and the values do not change: it stays as it is, as does every other field (the revision included, so a
// premise resting on it still holds: the task has not changed).
import type { CollectionUpgrade } from '../../../kit/server/upgrade';
import type { StoredFields, Upgraded } from '../../../kit/server/neutral-names';
import {
  isIdList,
  unreadable,
  upgradeBindingDocument,
  upgradeCardRecord,
  upgradeMember,
  upgradeMembers,
} from '../../../kit/server/neutral-names';
import { isRecord } from '../../../kit/core/action-table';
import { ok } from '../../../packageChatTool/core/result';
import type { Task } from '../../../packageChatTool/core/types';
import { ROOM_MEMBERS, TASKS } from './task-store';

/** audience.groupOpenids → audience.memberIds; an audience of everyone names nobody. */
function upgradeAudience(value: unknown): Upgraded<Task['audience']> {
  if (!isRecord(value)) return unreadable('audience is not an object');
  const { groupOpenids, memberIds } = value;
  if (value.kind === 'everyone') {
    return groupOpenids === undefined && memberIds === undefined
      ? ok(null)
      : unreadable('audience of everyone lists members');
  }
  if (value.kind !== 'members') return unreadable('audience.kind is neither everyone nor members');
  if (groupOpenids !== undefined && memberIds !== undefined) {
    return unreadable('audience holds both memberIds and groupOpenids');
  }
  if (isIdList(memberIds)) return ok(null);
  if (!isIdList(groupOpenids)) return unreadable('audience has neither memberIds nor groupOpenids as a list of ids');
  return ok({ kind: 'members', memberIds: groupOpenids });
}

/** Each field of the task that holds ids under their names, and its upgrade. */
const TASK_FIELDS: { [K in keyof Task]?: (value: unknown) => Upgraded<unknown> } = {
  creator: (value) => upgradeMember(value, 'creator'),
  participants: (value) => upgradeMembers(value, 'participants'),
  waitlist: (value) => upgradeMembers(value, 'waitlist'),
  audience: upgradeAudience,
  card: (value) => upgradeCardRecord(value),
};

/**
 * A stored task in the new names; null when it is in them already. Every field is upgraded on its own, since the new
 * version may have written some in the new names before the upgrade reached the task (an entry appended by a
 * sign-up, a mark); any field in neither layout makes the whole task unreadable, reported and left as it is.
 */
export function upgradeTaskDocument(doc: StoredFields): Upgraded<StoredFields> {
  const upgraded: { [field: string]: unknown } = {};
  const problems: string[] = [];
  for (const [field, upgrade] of Object.entries(TASK_FIELDS)) {
    const answer = upgrade(doc[field]);
    if (!answer.ok) problems.push(answer.error.message);
    else if (answer.data !== null) upgraded[field] = answer.data;
  }
  if (problems.length > 0) return unreadable(`task ${doc._id}: ${problems.join('; ')}`);
  return Object.keys(upgraded).length === 0 ? ok(null) : ok({ ...doc, ...upgraded });
}

/**
 * What `npm run upgrade:data` upgrades, in this order: the tasks first, then the member bindings. While a member's
 * binding is old, the new version refuses them (CHAT_PROOF_FOREIGN) before anything is written, so no member
 * who used the tool before writes to a task still in the old names; a member ticket would skip that read, which is
 * why the steps clear MEMBER_TICKET_KEY until the run is done (docs/platforms.md, "Upgrading a deployment from
 * before the neutral names").
 */
export const GROUP_TASK_UPGRADES: readonly CollectionUpgrade[] = [
  { collection: TASKS, upgrade: upgradeTaskDocument },
  { collection: ROOM_MEMBERS, upgrade: upgradeBindingDocument },
];
