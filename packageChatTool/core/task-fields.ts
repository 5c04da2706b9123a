// The fields of a task its creator fills in, each declared ONCE here: its parser (every request is checked with
// it on the server) and whether the whole chat sees it (then the platform's content check reads it first). The draft's
// type, the stored task's fields and the task page's data derive from this table; the create page's form and both
// pages' WXML are held to it by the compiler and by tests (docs/customize.md, "Add a field"). Nothing here trusts
// identity: user id, member id and room never come from a request (kit/core/action-table.ts, IDENTITY_FIELDS).
import type { Field, Parsed, Sent } from 'chat-tool-kit';
import { countCharacters, isRecord, optional, record, recordId } from 'chat-tool-kit';
import type { ApiResult, MemberList } from './api';
import { MEMBER_LISTS } from './api';
import { fail, ok } from './result';
import { CAPACITY_MAX, DEADLINE_MAX_AHEAD_MS, DEADLINE_MIN_AHEAD_MS, DESCRIPTION_MAX, NOTE_MAX } from './limits';
import { titleProblem } from './title';
import type { Audience, TaskKind } from './types';

// The chat proof and envVersion fields are every chat tool's (kit/core/fields.ts).
export { chatProof, envVersion } from 'chat-tool-kit';

/** The member picker documents no maximum; the card's participant list is kept to the capacity limit. */
export const AUDIENCE_MAX = CAPACITY_MAX;

const MEMBER_ID = /^[A-Za-z0-9_-]{1,128}$/;
/**
 * Whether text holds a control character other than tab and line breaks, or a surrogate not in a pair: shown as
 * nothing (or a box), and each costs six bytes of JSON in every answer.
 */
function unshowable(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || (unit >= 0x7f && unit <= 0x9f)) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** Line breaks a note may not hold: it is one line of the list (and one row of the export). */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;

/**
 * A participant's note, the 接龙 line (join, setNote): at most NOTE_MAX characters on one line, '' for none. The
 * whole chat reads it, so the handler has the platform's content check read it before it is stored.
 */
export const note: Field<string> = (value) => {
  if (typeof value !== 'string') return fail('INVALID_REQUEST', 'note must be a string');
  if (countCharacters(value) > NOTE_MAX) return fail('NOTE_TOO_LONG', `note exceeds ${NOTE_MAX} characters`);
  if (LINE_BREAK.test(value) || unshowable(value)) {
    return fail('NOTE_CHARACTERS', 'note is one line: no line breaks, tabs or control characters');
  }
  return ok(value);
};

const KINDS: readonly TaskKind[] = ['participate', 'complete'];

/** A task's id, as createTask made it. */
export const taskId: Field<string> = recordId;

/** Which of a task's lists a page asks the next page of. */
export const memberList: Field<MemberList> = (value) => {
  const found = MEMBER_LISTS.find((list) => list === value);
  return found === undefined ? fail('INVALID_REQUEST', "list must be 'participants' or 'waitlist'") : ok(found);
};

const title: Field<string> = (value) => {
  if (typeof value !== 'string') return fail('INVALID_REQUEST', 'title must be a string');
  const problem = titleProblem(value);
  if (problem === 'TITLE_EMPTY') return fail(problem, 'title is empty');
  if (problem === 'TITLE_CHARACTERS') {
    return fail(problem, 'title may hold only Chinese characters, letters and digits');
  }
  if (problem === 'TITLE_TOO_LONG') return fail(problem, 'title exceeds 30 units (a Chinese character counts 2)');
  return ok(value);
};

const description: Field<string> = (value) => {
  if (typeof value !== 'string') return fail('INVALID_REQUEST', 'description must be a string');
  if (countCharacters(value) > DESCRIPTION_MAX) {
    return fail('DESCRIPTION_TOO_LONG', `description exceeds ${DESCRIPTION_MAX} characters`);
  }
  // Refused, so the answer's size bound holds (core/limits.ts).
  if (unshowable(value)) {
    return fail('DESCRIPTION_CHARACTERS', 'description may hold no control characters other than tabs and line breaks');
  }
  return ok(value);
};

const kind: Field<TaskKind> = (value) => {
  const found = KINDS.find((k) => k === value);
  return found === undefined ? fail('INVALID_REQUEST', "kind must be 'participate' or 'complete'") : ok(found);
};

const audience: Field<Audience> = (value) => {
  if (!isRecord(value)) return fail('AUDIENCE_INVALID', 'audience must be an object');
  if (value.kind === 'everyone' && Object.keys(value).length === 1) return ok({ kind: 'everyone' });
  if (value.kind !== 'members' || Object.keys(value).length !== 2) {
    return fail('AUDIENCE_INVALID', "audience must be {kind:'everyone'} or {kind:'members', memberIds}");
  }
  const ids = value.memberIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > AUDIENCE_MAX) {
    return fail('AUDIENCE_INVALID', `memberIds must list 1 to ${AUDIENCE_MAX} members`);
  }
  const memberIds: string[] = [];
  for (const id of ids) {
    if (typeof id !== 'string' || !MEMBER_ID.test(id)) {
      return fail('AUDIENCE_INVALID', 'a member id is malformed');
    }
    if (memberIds.includes(id)) return fail('AUDIENCE_INVALID', 'a member is listed twice');
    memberIds.push(id);
  }
  return ok({ kind: 'members', memberIds });
};

/** Null (or left out): unlimited. */
const capacity: Field<number | null> = (value) => {
  if (value === null) return ok(null);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > CAPACITY_MAX) {
    return fail('CAPACITY_INVALID', `capacity must be a whole number from 1 to ${CAPACITY_MAX}`);
  }
  return ok(value);
};

/** Null (or left out): no deadline; otherwise epoch milliseconds between a minute and a year from `now`. */
const deadline: Field<number | null> = (value, now) => {
  if (value === null) return ok(null);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fail('DEADLINE_INVALID', 'deadline must be epoch milliseconds');
  }
  if (value < now + DEADLINE_MIN_AHEAD_MS || value > now + DEADLINE_MAX_AHEAD_MS) {
    return fail('DEADLINE_INVALID', 'deadline must be between a minute and a year from now');
  }
  return ok(value);
};

/** Every field of a task its creator fills in, with its parser; checked in this order, the first problem wins. */
export const TASK_FIELDS = {
  title,
  description: optional(description, ''),
  kind,
  audience,
  capacity: optional(capacity),
  deadline: optional(deadline),
};

export type TaskFieldName = keyof typeof TASK_FIELDS;

/** A task's fields as the create page sends them: optional ones may be left out. */
export type SentDraft = Sent<typeof TASK_FIELDS>;
/** A task's fields as the server accepted them: every field present, a left-out optional one as its fallback. */
export type TaskDraft = Parsed<typeof TASK_FIELDS>;

/**
 * Whether the whole chat sees what the creator typed in each field. Text shown to others passes the platform's
 * content check before it is stored (docs/platform.md, "msgSecCheck"); a new field must say here, so it cannot skip the
 * check by accident.
 */
export const SHOWN_TO_OTHERS: Readonly<Record<TaskFieldName, boolean>> = {
  title: true,
  description: true,
  kind: false,
  audience: false,
  capacity: false,
  deadline: false,
};

const isFieldName = (key: string): key is TaskFieldName => Object.prototype.hasOwnProperty.call(TASK_FIELDS, key);
export const TASK_FIELD_NAMES: readonly TaskFieldName[] = Object.keys(TASK_FIELDS).filter(isFieldName);

/**
 * A task's fields, from what the creator sent (a left-out optional field becomes its fallback) or from anything
 * that carries them (a stored task, for its page): exactly the declared fields, nothing else.
 */
export function draftOf(sent: SentDraft): TaskDraft {
  const draft: Record<string, unknown> = {};
  for (const name of TASK_FIELD_NAMES) {
    const field = TASK_FIELDS[name];
    draft[name] = sent[name] === undefined && 'optional' in field ? field.fallback : sent[name];
  }
  // Every declared field is set, a left-out optional one to its fallback: the shape Parsed<TASK_FIELDS> describes.
  return draft as TaskDraft;
}

/** The non-empty texts of a draft that the chat will see, in field order. */
export function textsShownToOthers(draft: TaskDraft): string[] {
  return TASK_FIELD_NAMES.filter((field) => SHOWN_TO_OTHERS[field])
    .map((field) => draft[field])
    .filter((value): value is string => typeof value === 'string' && value !== '');
}

/** Rules across fields, once each field parsed on its own. */
function acrossFields(draft: TaskDraft): ApiResult<TaskDraft> {
  if (draft.capacity !== null && draft.kind === 'complete') {
    return fail('CAPACITY_INVALID', 'capacity applies to participate tasks only: everyone may complete');
  }
  return ok(draft);
}

/** A create-page draft: only declared fields, each by its parser, then the rules across them. */
export const taskDraft = record(TASK_FIELDS, acrossFields);

/**
 * The audience without its creator: the creator never counts in their own audience, whatever
 * the member picker returned (in a one-to-one chat it may return both parties:
 * docs/platform.md, "One-to-one selectGroupMembers"). Nobody left is AUDIENCE_INVALID.
 */
export function audienceWithout(audience: Audience, creatorMemberId: string): ApiResult<Audience> {
  if (audience.kind === 'everyone') return ok(audience);
  const memberIds = audience.memberIds.filter((id) => id !== creatorMemberId);
  if (memberIds.length === 0) return fail('AUDIENCE_INVALID', 'choose at least one member other than yourself');
  return ok({ kind: 'members', memberIds });
}
