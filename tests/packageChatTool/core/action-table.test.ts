import type { Field, Handlers } from 'chat-tool-kit';
import { optional, parseRequest, returns, route } from 'chat-tool-kit';
import { fail, ok } from '../../../packageChatTool/core/result';
import type { ParsedTaskRequest, TaskActions, TaskRequest } from '../../../packageChatTool/core/task-actions';
import { createTaskService } from '../../../packageChatTool/services/task-service';
import { fakeWeChat } from '../helpers/fakes';
import { NOW } from './fixtures';

// A table that knows nothing of tasks, as a second tool would declare its own.
const word: Field<string> = (value) =>
  typeof value === 'string' && value !== '' ? ok(value) : fail('INVALID_REQUEST', 'a word is needed');
const later: Field<number> = (value, now) =>
  typeof value === 'number' && value > now ? ok(value) : fail('DEADLINE_INVALID', 'must be later than now');

const POLL = {
  vote: { request: { option: word, note: optional(word) }, response: returns<{ votes: number }>() },
  close: { request: { at: later, option: word }, response: returns<string>() },
};

const handlers: Handlers<typeof POLL, string> = {
  vote: async ({ option, note }, voter) => ok({ votes: `${voter}:${option}:${note ?? '-'}`.length }),
  close: async ({ at, option }, voter) => ok(`${voter} closed ${option} at ${at}`),
};

const codeOf = (event: unknown) => {
  const result = parseRequest(POLL, event, NOW);
  return result.ok ? 'ok' : result.error.code;
};

describe('action table', () => {
  it('parses the declared fields, a left-out optional one as null', () => {
    expect(parseRequest(POLL, { action: 'vote', option: 'a' }, NOW)).toEqual({
      ok: true,
      data: { action: 'vote', request: { option: 'a', note: null } },
    });
    expect(parseRequest(POLL, { action: 'vote', option: 'a', note: 'b' }, NOW)).toEqual({
      ok: true,
      data: { action: 'vote', request: { option: 'a', note: 'b' } },
    });
  });

  it('refuses what the table does not declare, an identity above all', () => {
    expect(codeOf(null)).toBe('INVALID_REQUEST');
    expect(codeOf({ option: 'a' })).toBe('INVALID_REQUEST');
    expect(codeOf({ action: 'toString' })).toBe('UNKNOWN_ACTION');
    expect(codeOf({ action: 'vote', option: 'a', extra: 1 })).toBe('INVALID_REQUEST');
    const forged = parseRequest(POLL, { action: 'vote', option: 'a', userId: 'o-forged' }, NOW);
    expect(forged.ok ? null : forged.error.message).toContain('derives identity');
  });

  it('checks the fields in their declared order, each with its own code and the server clock', () => {
    expect(codeOf({ action: 'vote', note: '' })).toBe('INVALID_REQUEST');
    expect(codeOf({ action: 'close', at: NOW, option: '' })).toBe('DEADLINE_INVALID');
    expect(codeOf({ action: 'close', at: NOW + 1, option: '' })).toBe('INVALID_REQUEST');
    expect(codeOf({ action: 'vote', option: 'a', note: '' })).toBe('INVALID_REQUEST');
  });

  it("routes an accepted request to its action's handler with the context", async () => {
    expect(await route(POLL, handlers, { action: 'close', at: NOW + 1, option: 'x' }, NOW, 'v1')).toEqual(
      ok(`v1 closed x at ${NOW + 1}`),
    );
    expect(await route(POLL, handlers, { action: 'vote', option: 'x' }, NOW, 'v1')).toEqual(ok({ votes: 6 }));
    expect(await route(POLL, handlers, { action: 'close', option: 'x' }, NOW, 'v1')).toEqual(
      fail('DEADLINE_INVALID', 'must be later than now'),
    );
  });
});

// Compile-time assertions, checked by `npm run check` (tsc on tsconfig.node.json): each line marked as an
// expected error must stay an error, or the check fails with "Unused '@ts-expect-error' directive".
describe('types derived from the groupTask table', () => {
  it('types what the client sends, what a handler gets and what the service answers', async () => {
    const join: TaskRequest<'join'> = { chatProof: 'c', taskId: 't' };
    // @ts-expect-error join needs its taskId
    const noTask: TaskRequest<'join'> = { chatProof: 'c' };
    // @ts-expect-error a request carries only its declared fields
    const extra: TaskRequest<'join'> = { chatProof: 'c', taskId: 't', userId: 'o' };
    const mine: TaskRequest<'listMyTasks'> = {};
    const renewal: ParsedTaskRequest<'renewCard'> = { chatProof: 'c', taskId: 't', envVersion: null };
    // @ts-expect-error a handler gets a left-out optional field as null, never missing
    const missing: ParsedTaskRequest<'renewCard'> = { chatProof: 'c', taskId: 't' };
    expect([join, noTask, extra, mine, renewal, missing]).toHaveLength(6);

    // @ts-expect-error every action needs its handler
    const none: Handlers<TaskActions, string> = {};
    // @ts-expect-error getTask answers a TaskView, not a list
    const wrong: Handlers<TaskActions, string>['getTask'] = async () => ok([]);
    expect([none, wrong]).toHaveLength(2);

    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: { roomId: 'r1', chatType: 1 } }) });
    const service = createTaskService(() => platform);
    // @ts-expect-error the service's join takes a task id
    await service.join({});
    const chat = await service.resolveChat({});
    expect(chat.ok && chat.data.roomId).toBe('r1');
    // @ts-expect-error resolveChat answers a room, which has no title
    expect(chat.ok && chat.data.title).toBeUndefined();
  });
});
