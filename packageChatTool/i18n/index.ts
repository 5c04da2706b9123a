// The chat tool's texts in the user's language; the plumbing (which language, placeholders) is the kit's.
import type { Failure } from '../services/task-service';
import type { Messages } from './texts';

export { messagesFor, type Messages } from './texts';

/**
 * What a failed call tells the user: the server's words for its refusal, else the page's own for a failure that
 * happened without the server (an answer without words reads as the service failing).
 */
export function failureMessage(t: Messages, { code, text }: Failure): string {
  return text ?? (code in t.errors ? t.errors[code as keyof Messages['errors']] : t.errors.INTERNAL);
}
