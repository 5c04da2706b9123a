// Fields with a fallback and fields that are records of fields: what a create form sends in one request field.
import type { Field, RequestOf } from 'chat-tool-kit';
import { fail, ok, optional, parseRequest, record, returns } from 'chat-tool-kit';

const NOW = Date.UTC(2026, 0, 1);
const word: Field<string> = (value) =>
  typeof value === 'string' && value !== '' ? ok(value) : fail('INVALID_REQUEST', 'a word is needed');
const count: Field<number> = (value) =>
  typeof value === 'number' && Number.isInteger(value) ? ok(value) : fail('INVALID_REQUEST', 'a count is needed');

const POLL_FIELDS = { question: word, note: optional(word, ''), limit: optional(count) };
const TABLE = {
  createPoll: {
    request: {
      poll: record(POLL_FIELDS, (poll) =>
        poll.limit !== null && poll.limit < 1 ? fail('LIMIT_INVALID', 'a limit is at least 1') : ok(poll),
      ),
    },
    response: returns<string>(),
  },
};

const parsed = (event: unknown) => {
  const result = parseRequest(TABLE, { action: 'createPoll', ...(event as object) }, NOW);
  return result.ok ? result.data.request : result.error;
};

test('a left-out optional field becomes its fallback: null, or the one given', () => {
  expect(parsed({ poll: { question: 'lunch' } })).toEqual({ poll: { question: 'lunch', note: '', limit: null } });
  expect(parsed({ poll: { question: 'lunch', note: 'today', limit: 2 } })).toEqual({
    poll: { question: 'lunch', note: 'today', limit: 2 },
  });
});

test('a record field takes only its declared fields, each by its parser, then its rule across them', () => {
  expect(parsed({ poll: 'lunch' })).toEqual({ code: 'INVALID_REQUEST', message: 'poll must be an object' });
  expect(parsed({ poll: { question: 'lunch', extra: 1 } })).toMatchObject({ code: 'INVALID_REQUEST' });
  expect(parsed({ poll: { question: 'lunch', userId: 'o' } })).toMatchObject({
    message: expect.stringContaining('derives identity'),
  });
  expect(parsed({ poll: { question: '' } })).toEqual({ code: 'INVALID_REQUEST', message: 'a word is needed' });
  expect(parsed({ poll: { question: 'lunch', limit: 0 } })).toEqual({
    code: 'LIMIT_INVALID',
    message: 'a limit is at least 1',
  });
});

test('types: the client sends optional fields at will, the handler receives every one', () => {
  const sent: RequestOf<typeof TABLE, 'createPoll'> = { poll: { question: 'lunch' } };
  // @ts-expect-error the question is required
  const missing: RequestOf<typeof TABLE, 'createPoll'> = { poll: { note: 'x' } };
  expect([sent, missing]).toHaveLength(2);
});
