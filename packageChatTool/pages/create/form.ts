// The create page's form as plain data: live checks in the user's language, and the draft sent to the
// server. The title rule comes from core/title.ts, the limits from core/, so client and server agree.
import type { TaskKind } from '../../core/types';
import type { SentDraft, TaskFieldName } from '../../core/task-fields';
import { TITLE_MAX_UNITS, titleCounter } from '../../core/title';
import { countCharacters } from 'chat-tool-kit';
import { CAPACITY_MAX, DEADLINE_MAX_AHEAD_MS, DEADLINE_MIN_AHEAD_MS, DESCRIPTION_MAX } from '../../core/limits';
import { format } from 'chat-tool-kit';
import type { Messages } from '../../i18n/index';

export interface CreateForm {
  title: string;
  description: string;
  kind: TaskKind;
  audience: 'everyone' | 'members';
  /** group_openids from wx.selectGroupMembers. */
  members: string[];
  /** As typed; empty means unlimited. Only participate tasks have a capacity. */
  capacity: string;
  /** 'YYYY-MM-DD' and 'HH:mm' from the pickers; empty date means no deadline. */
  deadlineDate: string;
  deadlineTime: string;
}

export const EMPTY_FORM: CreateForm = {
  title: '',
  description: '',
  kind: 'participate',
  audience: 'everyone',
  members: [],
  capacity: '',
  deadlineDate: '',
  deadlineTime: '',
};

/** A date picked without a time means the end of that day. */
export const DEFAULT_DEADLINE_TIME = '23:59';

export interface FormCheck {
  titleUsed: number;
  titleMax: number;
  /** Each empty when fine. */
  titleError: string;
  descriptionError: string;
  capacityError: string;
  deadlineError: string;
  membersError: string;
  valid: boolean;
}

/** The page's check until onLoad runs the first one (the page renders nothing before that). */
export const EMPTY_CHECK: FormCheck = {
  titleUsed: 0,
  titleMax: TITLE_MAX_UNITS,
  titleError: '',
  descriptionError: '',
  capacityError: '',
  deadlineError: '',
  membersError: '',
  valid: false,
};

/** Local time from the pickers' strings, or null when no date was picked. */
export function deadlineOf(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return null;
  const t = /^(\d{2}):(\d{2})$/.exec(time || DEFAULT_DEADLINE_TIME) ?? ['', '23', '59'];
  return new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])).getTime();
}

/** The typed capacity: null when empty, NaN when not a whole number. */
export function capacityOf(form: CreateForm): number | null {
  if (form.kind !== 'participate' || form.capacity.trim() === '') return null;
  return /^\d+$/.test(form.capacity.trim()) ? Number(form.capacity.trim()) : NaN;
}

export function checkForm(form: CreateForm, now: number, t: Messages): FormCheck {
  const counter = titleCounter(form.title);
  // The server refuses a title with the same code, so the live error is the server's message.
  const titleError = counter.problem === null ? '' : t.errors[counter.problem];
  const descriptionError =
    countCharacters(form.description) > DESCRIPTION_MAX ? format(t.descriptionTooLong, { max: DESCRIPTION_MAX }) : '';
  const capacity = capacityOf(form);
  const capacityError =
    capacity !== null && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= CAPACITY_MAX)
      ? format(t.capacityInvalid, { max: CAPACITY_MAX })
      : '';
  const deadline = deadlineOf(form.deadlineDate, form.deadlineTime);
  const deadlineError =
    deadline !== null && (deadline < now + DEADLINE_MIN_AHEAD_MS || deadline > now + DEADLINE_MAX_AHEAD_MS)
      ? t.deadlineInvalid
      : '';
  const membersError = form.audience === 'members' && form.members.length === 0 ? t.membersRequired : '';
  return {
    titleUsed: counter.used,
    titleMax: counter.max,
    titleError,
    descriptionError,
    capacityError,
    deadlineError,
    membersError,
    valid: !titleError && !descriptionError && !capacityError && !deadlineError && !membersError,
  };
}

/** A field an error can point at: a task field (core/task-fields.ts); the page anchors each as `field-<name>`. */
export type FormField = TaskFieldName;

/** Each field with its error, in the order the form shows them. */
const FIELD_ERRORS: readonly (readonly [FormField, Exclude<keyof FormCheck, 'titleUsed' | 'titleMax' | 'valid'>])[] = [
  ['title', 'titleError'],
  ['description', 'descriptionError'],
  ['audience', 'membersError'],
  ['capacity', 'capacityError'],
  ['deadline', 'deadlineError'],
];

/** The error nearest the top of the form, with the field's name, or null when the form is valid. */
export function firstError(check: FormCheck, t: Messages): { field: FormField; message: string } | null {
  for (const [field, key] of FIELD_ERRORS) {
    const problem = check[key];
    if (problem !== '') {
      return { field, message: format(t.fieldProblem, { field: t.fields[field], problem }) };
    }
  }
  return null;
}

/** The form values a text input edits by its data-field (the page's onFieldInput). */
export const isTextField = (name: string): name is TextField =>
  Object.prototype.hasOwnProperty.call(EMPTY_FORM, name) && typeof EMPTY_FORM[name as keyof CreateForm] === 'string';

type TextField = { [K in keyof CreateForm]: CreateForm[K] extends string ? K : never }[keyof CreateForm];

/**
 * What createTask sends, every task field (core/task-fields.ts) from the form: a new field fails to compile
 * here until the form gives it. Call only when checkForm says valid.
 */
export function draftOf(form: CreateForm): Required<SentDraft> {
  return {
    title: form.title,
    description: form.description.trim(),
    kind: form.kind,
    audience: form.audience === 'members' ? { kind: 'members', groupOpenids: [...form.members] } : { kind: 'everyone' },
    capacity: capacityOf(form),
    deadline: deadlineOf(form.deadlineDate, form.deadlineTime),
  };
}

/** Errors worth showing now: the title once typed in, the rest as soon as they apply, all after Publish. */
export function shownErrors(check: FormCheck, form: CreateForm, submitted: boolean): FormCheck {
  return {
    ...check,
    titleError: submitted || form.title !== '' ? check.titleError : '',
    membersError: submitted ? check.membersError : '',
  };
}
