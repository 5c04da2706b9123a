// The task title rule, shared by the create page (live counter) and the server (validation).
// It is the reminder's rule (docs/platform.md, "notifyGroupMembers"), because reminders reuse the title: at most 30 units where a
// Chinese character counts 2, and only Chinese characters, English letters and digits (docs/platform.md, "notifyGroupMembers").

export const TITLE_MAX_UNITS = 30;

export type TitleProblem = 'TITLE_EMPTY' | 'TITLE_TOO_LONG' | 'TITLE_CHARACTERS';

/** CJK Unified Ideographs, Extension A, Compatibility Ideographs and Extensions B–F (explicit ranges: no \p{} needed). */
const CHINESE = /[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u{20000}-\u{2ebef}]/u;
/** English letters and digits (ASCII only). */
const LETTER_OR_DIGIT = /[0-9A-Za-z]/;

/** Units used: 2 per Chinese character, 1 for anything else. */
export function titleUnits(title: string): number {
  return [...title].reduce((units, char) => units + (CHINESE.test(char) ? 2 : 1), 0);
}

export function titleProblem(title: string): TitleProblem | null {
  if (title === '') return 'TITLE_EMPTY';
  if ([...title].some((char) => !CHINESE.test(char) && !LETTER_OR_DIGIT.test(char))) return 'TITLE_CHARACTERS';
  return titleUnits(title) > TITLE_MAX_UNITS ? 'TITLE_TOO_LONG' : null;
}
