// The create page's form as plain data: live checks in the user's language, and the draft sent to the
// server. The title rule comes from core/title.ts, the limits from core/, so client and server agree.
import type { TaskKind } from '../../core/types';
import type { SentDraft, TaskFieldName } from '../../core/task-fields';
import { TITLE_MAX_UNITS, titleProblem, titleUnits } from '../../core/title';
import { countCharacters, format } from 'chat-tool-kit';
import { CAPACITY_MAX, DEADLINE_MAX_AHEAD_MS, DEADLINE_MIN_AHEAD_MS, DESCRIPTION_MAX } from '../../core/limits';
import type { Messages } from '../../i18n/texts';

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

/** The form values a text input or a picker edits, named by its data-field (the page's onFieldInput). */
export type TextField = { [K in keyof CreateForm]: CreateForm[K] extends string ? K : never }[keyof CreateForm];

/**
 * Local time from the pickers' strings (a date without a time means the end of that day), or null when no date was
 * picked; NaN when a string is malformed.
 */
export function deadlineOf(date: string, time: string): number | null {
  if (date === '') return null;
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = (time || '23:59').split(':').map(Number);
  return new Date(year, month - 1, day, hour, minute).getTime();
}

/** A field an error can point at: a task field (core/task-fields.ts); the page anchors each as `field-<name>`. */
export type FormField = TaskFieldName;

/** Each field's error, empty when fine, in the order the form shows the fields. */
export type FormErrors = Partial<Record<FormField, string>>;

/**
 * The errors worth showing now, checked on the draft the server would get: the title's once typed in, the members'
 * after Publish, the rest as soon as they apply. After Publish (`submitted`), every error.
 */
export function checkForm(form: CreateForm, now: number, t: Messages, submitted: boolean): FormErrors {
  const { title, description, audience, capacity, deadline } = draftOf(form);
  const problem = titleProblem(title);
  return {
    // The server refuses a title with the same code, so the live error is the server's message.
    title: problem === null || (problem === 'TITLE_EMPTY' && !submitted) ? '' : t.errors[problem],
    description:
      countCharacters(description) > DESCRIPTION_MAX ? format(t.descriptionTooLong, { max: DESCRIPTION_MAX }) : '',
    audience: submitted && audience.kind === 'members' && audience.memberIds.length === 0 ? t.membersRequired : '',
    // NaN (not a whole number, or a malformed date) fails both comparisons.
    capacity:
      capacity === null || (capacity >= 1 && capacity <= CAPACITY_MAX)
        ? ''
        : format(t.capacityInvalid, { max: CAPACITY_MAX }),
    deadline:
      deadline === null || (deadline >= now + DEADLINE_MIN_AHEAD_MS && deadline <= now + DEADLINE_MAX_AHEAD_MS)
        ? ''
        : t.deadlineInvalid,
  };
}

/**
 * A radio group's options, from each value's text, in that order. Skyline ignores aria-checked, so the chosen
 * option also says so in its accessible name (label).
 */
const optionsOf = <V extends string>(t: Messages, texts: Record<V, string>, chosen: V) =>
  (Object.keys(texts) as V[]).map((value) => ({
    value,
    text: texts[value],
    chosen: value === chosen,
    label: value === chosen ? format(t.optionSelected, { option: texts[value] }) : texts[value],
  }));

/** What the page shows of the form besides its values: the errors, the title counter, the members button, the options. */
export function formView(form: CreateForm, now: number, t: Messages, submitted: boolean) {
  const titleUsed = titleUnits(form.title);
  return {
    errors: checkForm(form, now, t, submitted),
    titleUsed,
    titleMax: TITLE_MAX_UNITS,
    counterLabel: format(t.titleCounterLabel, { used: titleUsed, max: TITLE_MAX_UNITS }),
    membersLabel: form.members.length ? format(t.changeMembers, { count: form.members.length }) : t.chooseMembers,
    kinds: optionsOf(t, { participate: t.kindParticipate, complete: t.kindComplete }, form.kind),
    audiences: optionsOf(t, { everyone: t.audienceEveryone, members: t.audienceMembers }, form.audience),
  };
}

/** The error nearest the top of the form, with the field's name, or null when there is none. */
export function firstError(errors: FormErrors, t: Messages): { field: FormField; message: string } | null {
  for (const [field, problem] of Object.entries(errors) as [FormField, string][]) {
    if (problem) return { field, message: format(t.fieldProblem, { field: t.fields[field], problem }) };
  }
  return null;
}

/**
 * What createTask sends, every task field (core/task-fields.ts) from the form: a new field fails to compile
 * here until the form gives it. Posted only when checkForm found no error.
 */
export function draftOf(form: CreateForm): Required<SentDraft> {
  const capacity = form.capacity.trim();
  return {
    title: form.title,
    description: form.description.trim(),
    kind: form.kind,
    audience: form.audience === 'members' ? { kind: 'members', memberIds: [...form.members] } : { kind: 'everyone' },
    // Only participate tasks have a capacity; empty means unlimited, NaN that it is not a whole number.
    capacity: form.kind !== 'participate' || capacity === '' ? null : /^\d+$/.test(capacity) ? Number(capacity) : NaN,
    deadline: deadlineOf(form.deadlineDate, form.deadlineTime),
  };
}
