// `npm start` runs whichever cloud functions the project has: in a copy of the project whose function is
// renamed, the page's wx.cloud.callFunction({ name }) (the host's /api/call) reaches it by its new name, the
// old name is refused as CloudBase refuses it, the timer button fires the renamed function's trigger, and an edit
// to it (or to the domain it shares with the pages, found by following its imports) reloads it.
import fs from 'node:fs';
import path from 'node:path';
import type { ChatState, ServerCall, ServerReply } from '../../../simulator/shared/server-api';
import { copyProject, startServer, type RunningServer } from '../../../simulator/headless';

jest.setTimeout(90_000);

describe('npm start on a project whose function is renamed', () => {
  let copy: string;
  let server: RunningServer;

  beforeAll(async () => {
    copy = copyProject('simulator-functions-');
    fs.renameSync(path.join(copy, 'cloudfunctions/groupTask'), path.join(copy, 'cloudfunctions/signup'));
    server = await startServer(['--root', copy, '--watch']);
  });

  afterAll(async () => {
    await server?.stop();
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  const call = async (request: ServerCall): Promise<ServerReply> => {
    const response = await fetch(new URL('/api/call', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as ServerReply;
  };

  test('calls it by its new name and refuses the old one', async () => {
    expect(server.output.join('')).toContain('cloud functions: signup');
    const state = (await (await fetch(new URL('/api/state', server.url))).json()) as ChatState;
    const group = state.rooms.find((room) => room.chatType === 3)!;
    const alice = group.members[0]!;
    const issued = await call({ op: 'issueCloudId', openid: alice.openid, roomId: group.id });
    const { cloudID } = (issued as { ok: true; value: { cloudID: string } }).value;
    const created = await call({
      op: 'callFunction',
      openid: alice.openid,
      name: 'signup',
      data: {
        action: 'createTask',
        chatProof: cloudID,
        envVersion: 'develop',
        task: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' } },
      },
    });
    expect(created).toMatchObject({ ok: true, value: { ok: true, data: { task: { title: '周六爬山' } } } });
    expect(
      await call({ op: 'callFunction', openid: alice.openid, name: 'groupTask', data: { action: 'listMyTasks' } }),
    ).toEqual({ ok: false, error: 'FunctionName parameter could not be found: groupTask (errCode -501000)' });
    expect(await call({ op: 'runTimer' })).toMatchObject({ ok: true, value: { 'signup.sweep': { looked: 0 } } });
  });

  test('an edit to the function reloads it; an edit to what it shares with the pages rebuilds both', async () => {
    const output = (): string => server.output.join('');
    const append = (file: string): void => fs.appendFileSync(path.join(copy, file), '\n// edited\n');
    const waitFor = async (text: string, after: number): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!output().slice(after).includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${output().slice(after)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    let mark = output().length;
    append('cloudfunctions/signup/src/actions.ts');
    await waitFor('reloaded the cloud function signup', mark);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(output().slice(mark)).not.toContain('built after an edit');

    mark = output().length;
    append('packageChatTool/core/api.ts');
    await waitFor('reloaded the cloud function signup', mark);
    await waitFor('built after an edit', mark);
  });
});
