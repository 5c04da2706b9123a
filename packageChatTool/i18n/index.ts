// The chat tool's texts in the user's language; the plumbing (which language, placeholders) is the kit's.
import type { FailureCode } from '../services/task-service';
import type { Messages } from './texts';

export { messagesFor, type Messages } from './texts';

export function failureMessage(t: Messages, code: FailureCode): string {
  return t.errors[code];
}
