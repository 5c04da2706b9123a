// The limits of a task, in one dependency-free file: the create page imports them on the client
// without pulling the validator and the transitions into the chat tool's package.

/** Participants of one task at most (and the most a capacity may be). */
export const CAPACITY_MAX = 500;
/** People waiting for a place at most; beyond it a sign-up is refused with TASK_FULL. */
export const WAITLIST_MAX = 500;
/** Characters (code points, as countCharacters counts them), the same unit as the title rule. */
export const DESCRIPTION_MAX = 500;
/** A deadline at least a minute ahead and at most a year ahead. */
export const DEADLINE_MIN_AHEAD_MS = 60 * 1000;
export const DEADLINE_MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Characters as a person counts them: code points, so an emoji or a rare Chinese character is one, not the
 * two UTF-16 units `String.length` counts. Every length limit on user text uses it.
 */
export function countCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}
