// The kit's stored documents from before the platform-neutral names (docs/platforms.md, "Upgrading a deployment
// from before the neutral names"), answered in the new names: a member's fields (openid → userId, groupOpenid →
// memberId), a member binding, a card record's marks (doneGroupOpenids → doneMemberIds). Values never change: on
// WeChat a userId is the openid and a memberId the group_openid. Pure: a tool's upgrade composes these for the
// fields of its own records, and the runner (upgrade.ts) writes what they answer.
import { isRecord } from '../core/action-table';
import type { ApiResult } from '../core/result';
import { fail, ok } from '../core/result';
import type { StoredDocument } from './store/types';

/** A stored document as read, before anything is known of its fields. */
export type StoredFields = StoredDocument & { [field: string]: unknown };

/** A document or part of one in a layout the upgrade does not know: reported, never guessed. */
export type UnreadableCode = 'UNREADABLE';

/** The value in the new names; null when it is in them already; UNREADABLE when it is in neither layout. */
export type Upgraded<T> = ApiResult<T | null, UnreadableCode>;

type Fields = { [field: string]: unknown };

const isId = (value: unknown): value is string => typeof value === 'string' && value !== '';

export const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isId);

export const unreadable = (message: string): Upgraded<never> => fail('UNREADABLE', message);

/**
 * A member's fields (a creator, a list entry, a binding): { openid, groupOpenid, ...rest } becomes
 * { userId, memberId, ...rest }, every other field kept. An object holding names of both layouts is unreadable: no
 * write of either version makes one, so which of its ids is right cannot be told.
 */
export function upgradeMember(value: unknown, where: string): Upgraded<Fields> {
  if (!isRecord(value)) return unreadable(`${where} is not an object`);
  const { openid, groupOpenid, ...rest } = value;
  const old = openid !== undefined || groupOpenid !== undefined;
  const now = value.userId !== undefined || value.memberId !== undefined;
  if (old && now) return unreadable(`${where} holds both { userId, memberId } and { openid, groupOpenid }`);
  if (now) {
    return isId(value.userId) && isId(value.memberId)
      ? ok(null)
      : unreadable(`${where}: userId and memberId must both be non-empty strings`);
  }
  if (!isId(openid) || !isId(groupOpenid)) {
    return unreadable(`${where} has neither { userId, memberId } nor { openid, groupOpenid }`);
  }
  return ok({ userId: openid, memberId: groupOpenid, ...rest });
}

/**
 * A list of members' entries, each upgraded on its own: a list may hold both layouts, since a function of the new
 * version appends entries in the new names to a list it finds in the old ones.
 */
export function upgradeMembers(value: unknown, where: string): Upgraded<unknown[]> {
  if (!Array.isArray(value)) return unreadable(`${where} is not a list`);
  const entries: unknown[] = [];
  let changed = false;
  for (const [at, entry] of value.entries()) {
    const upgraded = upgradeMember(entry, `${where}[${at}]`);
    if (!upgraded.ok) return upgraded;
    changed ||= upgraded.data !== null;
    entries.push(upgraded.data ?? entry);
  }
  return ok(changed ? entries : null);
}

/**
 * A card record (kit/core/card.ts CardShown): doneGroupOpenids becomes doneMemberIds. A record holding both lists
 * gained the new one from a mark the new version recorded on the old record (an addToSet creates the list): the card
 * marks members and never un-marks them, so the record's marks are the two lists together, in order, each id once.
 */
export function upgradeCardShown(value: unknown, where: string): Upgraded<Fields> {
  if (!isRecord(value)) return unreadable(`${where} is not an object`);
  const { doneGroupOpenids, ...rest } = value;
  const { doneMemberIds } = value;
  if (doneMemberIds !== undefined && !isIdList(doneMemberIds)) {
    return unreadable(`${where}.doneMemberIds is not a list of ids`);
  }
  if (doneGroupOpenids === undefined) {
    return doneMemberIds === undefined
      ? unreadable(`${where} has neither doneMemberIds nor doneGroupOpenids`)
      : ok(null);
  }
  if (!isIdList(doneGroupOpenids)) return unreadable(`${where}.doneGroupOpenids is not a list of ids`);
  return ok({ ...rest, doneMemberIds: [...new Set([...doneGroupOpenids, ...(doneMemberIds ?? [])])] });
}

/** The kit's card record a tool stores (`card`: the card binding), its marks upgraded; null when they are new. */
export function upgradeCardRecord(value: unknown, where = 'card'): Upgraded<Fields> {
  if (!isRecord(value)) return unreadable(`${where} is not an object`);
  const shown = upgradeCardShown(value.shown, `${where}.shown`);
  return !shown.ok || shown.data === null ? shown : ok({ ...value, shown: shown.data });
}

/** A member binding (member-bindings.ts MemberDocument): the same _id, roomId and boundAt, the ids renamed. */
export function upgradeBindingDocument(doc: StoredFields): Upgraded<StoredFields> {
  const { _id, ...fields } = doc;
  const upgraded = upgradeMember(fields, `binding ${_id}`);
  if (!upgraded.ok) return upgraded;
  return ok(upgraded.data === null ? null : { _id, ...upgraded.data });
}
