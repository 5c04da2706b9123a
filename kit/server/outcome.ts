// A write that may have landed: the database (or WeChat) timed out after it was sent, so nobody can say whether
// anything changed. The caller says so (OUTCOME_UNKNOWN) and the client re-reads; it is never "nothing changed".
export class OutcomeUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutcomeUnknownError';
  }
}
