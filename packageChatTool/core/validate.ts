// The fields of the groupTask requests: each untrusted value → a typed value, or its problem as a typed error.
// The action table (task-actions.ts) puts them together; nothing here trusts identity: openid, group_openid and
// room never come from a request, and a request carrying them is refused (action-table.ts, IDENTITY_FIELDS).
import type { ApiResult } from './api';
import type { Field } from 'chat-tool-kit';
import { countCharacters, isRecord, recordId, unexpectedField } from 'chat-tool-kit';
import { fail, ok } from './result';
import { CAPACITY_MAX, DEADLINE_MAX_AHEAD_MS, DEADLINE_MIN_AHEAD_MS, DESCRIPTION_MAX } from './limits';
import { titleProblem } from './title';
import type { Audience, TaskDraft, TaskKind } from './types';

// The cloudID and envVersion fields are every chat tool's (kit/core/fields.ts).
export { cloudId, envVersion } from 'chat-tool-kit';

/** wx.selectGroupMembers documents no maximum; the card's participant list is kept to the capacity limit. */
export const AUDIENCE_MAX = CAPACITY_MAX;

const GROUP_OPENID = /^[A-Za-z0-9_-]{1,128}$/;
const KINDS: readonly TaskKind[] = ['participate', 'complete'];

/** A task's id, as createTask made it. */
export const taskId: Field<string> = recordId;

function audienceOf(value: unknown): ApiResult<Audience> {
  if (!isRecord(value)) return fail('AUDIENCE_INVALID', 'audience must be an object');
  if (value.kind === 'everyone' && Object.keys(value).length === 1) return ok({ kind: 'everyone' });
  if (value.kind !== 'members' || Object.keys(value).length !== 2) {
    return fail('AUDIENCE_INVALID', "audience must be {kind:'everyone'} or {kind:'members', groupOpenids}");
  }
  const ids = value.groupOpenids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > AUDIENCE_MAX) {
    return fail('AUDIENCE_INVALID', `groupOpenids must list 1 to ${AUDIENCE_MAX} members`);
  }
  const groupOpenids: string[] = [];
  for (const id of ids) {
    if (typeof id !== 'string' || !GROUP_OPENID.test(id))
      return fail('AUDIENCE_INVALID', 'a group_openid is malformed');
    if (groupOpenids.includes(id)) return fail('AUDIENCE_INVALID', 'a member is listed twice');
    groupOpenids.push(id);
  }
  return ok({ kind: 'members', groupOpenids });
}

/**
 * The audience without its creator: the creator never counts in their own audience, whatever
 * wx.selectGroupMembers returned (in a one-to-one chat it may return both parties:
 * docs/platform.md, "One-to-one selectGroupMembers"). Nobody left is AUDIENCE_INVALID.
 */
export function audienceWithout(audience: Audience, creatorGroupOpenid: string): ApiResult<Audience> {
  if (audience.kind === 'everyone') return ok(audience);
  const groupOpenids = audience.groupOpenids.filter((id) => id !== creatorGroupOpenid);
  if (groupOpenids.length === 0) return fail('AUDIENCE_INVALID', 'choose at least one member other than yourself');
  return ok({ kind: 'members', groupOpenids });
}

/**
 * Every field of a draft, each saying whether the whole chat sees what the user typed in it. Text shown to
 * others passes WeChat's content check before it is stored (docs/platform.md, "msgSecCheck"); a new field
 * must be declared here, so it cannot skip the check by accident.
 */
export const DRAFT_FIELDS = {
  title: { shownToOthers: true },
  description: { shownToOthers: true },
  kind: { shownToOthers: false },
  audience: { shownToOthers: false },
  capacity: { shownToOthers: false },
  deadline: { shownToOthers: false },
} as const satisfies Record<keyof TaskDraft, { shownToOthers: boolean }>;

const isDraftField = (key: string): key is keyof TaskDraft => Object.prototype.hasOwnProperty.call(DRAFT_FIELDS, key);
const DRAFT_FIELD_NAMES = Object.keys(DRAFT_FIELDS).filter(isDraftField);
const SHOWN_TO_OTHERS = DRAFT_FIELD_NAMES.filter((field) => DRAFT_FIELDS[field].shownToOthers);

/** The non-empty texts of a draft that the chat will see, in field order. */
export function textsShownToOthers(draft: TaskDraft): string[] {
  return SHOWN_TO_OTHERS.map((field) => draft[field]).filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}

/** Checks a create-page draft; `now` bounds the deadline. */
export const taskDraft: Field<TaskDraft> = (value, now) => {
  if (!isRecord(value)) return fail('INVALID_REQUEST', 'task must be an object');
  const extra = unexpectedField(value, DRAFT_FIELD_NAMES);
  if (!extra.ok) return extra;
  const { title, description, kind, capacity, deadline } = value;
  if (typeof title !== 'string') return fail('INVALID_REQUEST', 'title must be a string');
  const problem = titleProblem(title);
  if (problem === 'TITLE_EMPTY') return fail(problem, 'title is empty');
  if (problem === 'TITLE_CHARACTERS')
    return fail(problem, 'title may hold only Chinese characters, letters and digits');
  if (problem === 'TITLE_TOO_LONG') return fail(problem, 'title exceeds 30 units (a Chinese character counts 2)');
  if (description !== undefined && typeof description !== 'string') {
    return fail('INVALID_REQUEST', 'description must be a string');
  }
  if (description !== undefined && countCharacters(description) > DESCRIPTION_MAX) {
    return fail('DESCRIPTION_TOO_LONG', `description exceeds ${DESCRIPTION_MAX} characters`);
  }
  const taskKind = KINDS.find((k) => k === kind);
  if (taskKind === undefined) return fail('INVALID_REQUEST', "kind must be 'participate' or 'complete'");
  const audience = audienceOf(value.audience);
  if (!audience.ok) return audience;
  if (capacity !== undefined && capacity !== null) {
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1 || capacity > CAPACITY_MAX) {
      return fail('CAPACITY_INVALID', `capacity must be a whole number from 1 to ${CAPACITY_MAX}`);
    }
    if (taskKind === 'complete') {
      return fail('CAPACITY_INVALID', 'capacity applies to participate tasks only: everyone may complete');
    }
  }
  if (deadline !== undefined && deadline !== null) {
    if (typeof deadline !== 'number' || !Number.isInteger(deadline)) {
      return fail('DEADLINE_INVALID', 'deadline must be epoch milliseconds');
    }
    if (deadline < now + DEADLINE_MIN_AHEAD_MS || deadline > now + DEADLINE_MAX_AHEAD_MS) {
      return fail('DEADLINE_INVALID', 'deadline must be between a minute and a year from now');
    }
  }
  const draft: TaskDraft = {
    title,
    description: description ?? '',
    kind: taskKind,
    audience: audience.data,
    capacity: typeof capacity === 'number' ? capacity : null,
    deadline: typeof deadline === 'number' ? deadline : null,
  };
  return ok(draft);
};
