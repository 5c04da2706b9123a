// The task title rule, shared by the create page (live counter) and the server (validation).
// It is wx.notifyGroupMembers' rule, because reminders reuse the title: at most 30 units where a
// Chinese character counts 2, and only Chinese characters, English letters and digits (docs/platform.md, "notifyGroupMembers").

export const TITLE_MAX_UNITS = 30;

export type TitleProblem = 'TITLE_EMPTY' | 'TITLE_TOO_LONG' | 'TITLE_CHARACTERS';

/** CJK Unified Ideographs, Extension A, Compatibility Ideographs and Extensions B–F (explicit ranges: no \p{} needed). */
function isChinese(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x20000 && codePoint <= 0x2ebef)
  );
}

function isLetterOrDigit(codePoint: number): boolean {
  return (
    (codePoint >= 0x30 && codePoint <= 0x39) ||
    (codePoint >= 0x41 && codePoint <= 0x5a) ||
    (codePoint >= 0x61 && codePoint <= 0x7a)
  );
}

/** Units used: 2 per Chinese character, 1 for anything else. */
export function titleUnits(title: string): number {
  let units = 0;
  for (const char of title) units += isChinese(char.codePointAt(0) ?? 0) ? 2 : 1;
  return units;
}

export function titleProblem(title: string): TitleProblem | null {
  if (title.length === 0) return 'TITLE_EMPTY';
  for (const char of title) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (!isChinese(codePoint) && !isLetterOrDigit(codePoint)) return 'TITLE_CHARACTERS';
  }
  if (titleUnits(title) > TITLE_MAX_UNITS) return 'TITLE_TOO_LONG';
  return null;
}

/** What the create page shows under the title field, e.g. "12/30". */
export function titleCounter(title: string): { used: number; max: number; problem: TitleProblem | null } {
  return { used: titleUnits(title), max: TITLE_MAX_UNITS, problem: titleProblem(title) };
}
