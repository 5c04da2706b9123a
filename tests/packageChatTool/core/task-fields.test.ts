import fc from 'fast-check';
import { countCharacters } from 'chat-tool-kit';
import { DESCRIPTION_MAX } from '../../../packageChatTool/core/limits';
import { parseRequest, QUOTE_MAX, quote } from 'chat-tool-kit';
import { TASK_ACTIONS } from '../../../packageChatTool/core/task-actions';
import { NOW } from './fixtures';

const parse = (value: unknown, now: number) => parseRequest(TASK_ACTIONS, value, now);

const codeOf = (value: unknown) => {
  const result = parse(value, NOW);
  return result.ok ? 'ok' : result.error.code;
};

const draft = { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' } };
const create = (task: unknown, extra: object = {}) => ({
  action: 'createTask',
  chatProof: 'cid',
  envVersion: 'release',
  task,
  ...extra,
});

describe('request validation', () => {
  it('accepts every documented action shape', () => {
    expect(codeOf(create(draft))).toBe('ok');
    for (const action of ['getTask', 'join', 'leave', 'pendingMembers', 'markClosingSoon', 'endTask', 'renewCard']) {
      expect(codeOf({ action, chatProof: 'cid', taskId: 'abc_123' })).toBe('ok');
    }
    expect(codeOf({ action: 'renewCard', chatProof: 'cid', taskId: 'a', envVersion: 'trial' })).toBe('ok');
    expect(codeOf({ action: 'listRoomTasks', chatProof: 'cid' })).toBe('ok');
    expect(codeOf({ action: 'resolveChat', chatProof: 'cid' })).toBe('ok');
    expect(codeOf({ action: 'listMyTasks' })).toBe('ok');
    expect(codeOf({ action: 'listMyTasks', chatProof: 'cid' })).toBe('ok');
  });

  it('gives each bad input its own code', () => {
    expect(codeOf(null)).toBe('INVALID_REQUEST');
    expect(codeOf([])).toBe('INVALID_REQUEST');
    expect(codeOf({})).toBe('INVALID_REQUEST');
    expect(codeOf({ action: 'dropTables' })).toBe('UNKNOWN_ACTION');
    expect(codeOf({ action: 'getTask', taskId: 'a' })).toBe('INVALID_REQUEST');
    expect(codeOf({ action: 'getTask', chatProof: 5, taskId: 'a' })).toBe('INVALID_REQUEST');
    expect(codeOf({ action: 'getTask', chatProof: '', taskId: 'a' })).toBe('CHAT_PROOF_INVALID');
    expect(codeOf({ action: 'getTask', chatProof: 'x'.repeat(5000), taskId: 'a' })).toBe('CHAT_PROOF_INVALID');
    expect(codeOf({ action: 'getTask', chatProof: 'cid', taskId: '../x' })).toBe('INVALID_REQUEST');
    expect(codeOf({ action: 'getTask', chatProof: 'cid', taskId: { $ne: null } })).toBe('INVALID_REQUEST');
    expect(codeOf(create(draft, { envVersion: 'beta' }))).toBe('INVALID_REQUEST');
    expect(codeOf({ ...create(draft), envVersion: undefined })).toBe('INVALID_REQUEST');
    expect(codeOf(create({ ...draft, title: '' }))).toBe('TITLE_EMPTY');
    expect(codeOf(create({ ...draft, title: 'x'.repeat(31) }))).toBe('TITLE_TOO_LONG');
    expect(codeOf(create({ ...draft, title: 'a<b>' }))).toBe('TITLE_CHARACTERS');
    expect(codeOf(create({ ...draft, title: 7 }))).toBe('INVALID_REQUEST');
    expect(codeOf(create({ ...draft, description: 'x'.repeat(501) }))).toBe('DESCRIPTION_TOO_LONG');
    expect(codeOf(create({ ...draft, kind: 'vote' }))).toBe('INVALID_REQUEST');
    expect(codeOf(create({ ...draft, capacity: 0 }))).toBe('CAPACITY_INVALID');
    expect(codeOf(create({ ...draft, capacity: 501 }))).toBe('CAPACITY_INVALID');
    expect(codeOf(create({ ...draft, capacity: 2.5 }))).toBe('CAPACITY_INVALID');
    expect(codeOf(create({ ...draft, kind: 'complete', capacity: 5 }))).toBe('CAPACITY_INVALID');
    expect(codeOf(create({ ...draft, deadline: NOW }))).toBe('DEADLINE_INVALID');
    expect(codeOf(create({ ...draft, deadline: '2027-01-01' }))).toBe('DEADLINE_INVALID');
    expect(codeOf(create({ ...draft, audience: { kind: 'members', memberIds: [] } }))).toBe('AUDIENCE_INVALID');
    expect(codeOf(create({ ...draft, audience: { kind: 'members', memberIds: ['a', 'a'] } }))).toBe('AUDIENCE_INVALID');
    expect(codeOf(create({ ...draft, audience: { kind: 'members', memberIds: ['a b'] } }))).toBe('AUDIENCE_INVALID');
    expect(codeOf(create({ ...draft, audience: { kind: 'room' } }))).toBe('AUDIENCE_INVALID');
  });

  it('refuses identity sent as data, and any unexpected field', () => {
    for (const field of ['userId', 'memberId', 'group_openid', 'room', 'roomId', 'opengid']) {
      const result = parse({ action: 'join', chatProof: 'cid', taskId: 'a', [field]: 'forged' }, NOW);
      expect(result.ok ? 'ok' : result.error).toEqual({
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('derives identity'),
      });
    }
    expect(codeOf({ action: 'join', chatProof: 'cid', taskId: 'a', extra: 1 })).toBe('INVALID_REQUEST');
    expect(codeOf(create({ ...draft, creator: { userId: 'x' } }))).toBe('INVALID_REQUEST');
  });

  it('normalises an accepted draft', () => {
    const result = parse(create({ ...draft, capacity: 3, deadline: NOW + 3_600_000 }), NOW);
    expect(result.ok && result.data.request).toMatchObject({
      task: { ...draft, description: '', capacity: 3, deadline: NOW + 3_600_000 },
    });
    const left = parse(create(draft), NOW);
    expect(left.ok && left.data.request).toMatchObject({
      task: { ...draft, description: '', capacity: null, deadline: null },
    });
  });

  it('counts the description in characters (code points), as the title rule does', () => {
    const emoji = '😀'.repeat(300);
    expect(emoji.length).toBe(600);
    expect(countCharacters(emoji)).toBe(300);
    expect(codeOf(create({ ...draft, description: emoji }))).toBe('ok');
    expect(codeOf(create({ ...draft, description: '𠀀'.repeat(DESCRIPTION_MAX) }))).toBe('ok');
    expect(codeOf(create({ ...draft, description: '𠀀'.repeat(DESCRIPTION_MAX + 1) }))).toBe('DESCRIPTION_TOO_LONG');
    expect(codeOf(create({ ...draft, description: `${'a'.repeat(DESCRIPTION_MAX - 1)}😀` }))).toBe('ok');
    expect(countCharacters('a\uD800b')).toBe(3);
  });

  it('refuses control characters (but tab and line breaks) and unpaired surrogates in a description', () => {
    for (const shown of ['第一行\n第二行', 'a\tb\r\n', '😀𠀀', '']) {
      expect(codeOf(create({ ...draft, description: shown }))).toBe('ok');
    }
    for (const unshown of ['a\u0000b', '\u0007', '\u001b[31m', 'a\u007f', '\u0085', 'a\uD800b', '\uDC00', 'x\uD83D']) {
      expect(codeOf(create({ ...draft, description: unshown }))).toBe('DESCRIPTION_CHARACTERS');
    }
  });

  it('never echoes more than a short prefix of client input', () => {
    const huge = 'k'.repeat(1_000_000);
    const messages = [
      parse({ action: 'join', chatProof: 'cid', taskId: 'a', [huge]: 1 }, NOW),
      parse(create({ ...draft, [huge]: 1 }), NOW),
      parse({ action: huge }, NOW),
      parse({ action: '😀'.repeat(500_000) }, NOW),
      parse(create({ ...draft, title: huge, description: huge }), NOW),
      parse(create({ ...draft, description: huge }), NOW),
    ].map((result) => (result.ok ? '' : result.error.message));
    for (const message of messages) {
      expect(message).not.toBe('');
      expect(message.length).toBeLessThan(200);
    }
    expect(messages[0]).toContain(`'${'k'.repeat(QUOTE_MAX)}…'`);
    expect(quote('😀'.repeat(QUOTE_MAX + 1))).toBe(`${'😀'.repeat(QUOTE_MAX)}…`);
    expect(quote('😀'.repeat(QUOTE_MAX))).toBe('😀'.repeat(QUOTE_MAX));
  });

  it('keeps every refusal short, whatever the payload (property)', () => {
    const longKey = fc.string({ minLength: 100, maxLength: 2000, unit: 'grapheme' });
    const payload = fc.oneof(
      fc.anything(),
      fc.record({ action: fc.oneof(longKey, fc.constantFrom('createTask', 'join')), chatProof: fc.string() }),
      fc.dictionary(longKey, fc.anything()).map((extra) => ({ action: 'join', chatProof: 'c', taskId: 'a', ...extra })),
      fc.dictionary(longKey, fc.string()).map((extra) => create({ ...draft, ...extra })),
    );
    fc.assert(
      fc.property(payload, (value) => {
        const result = parse(value, NOW);
        return result.ok || result.error.message.length <= 200;
      }),
      { numRuns: 300 },
    );
  });
});
