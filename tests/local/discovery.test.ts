// The runner finds a project's cloud functions (cloudfunctions/<name>/ with config.json and src/local.ts) instead
// of naming one: renamed in a copy of the project, the function is called by its new name, and the old one is
// refused as CloudBase refuses an unknown name.
import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../../packageChatTool/core/api';
import { copyProject } from '../../simulator/headless';
import { createLocalBackend, discoverFunctions, FunctionNotFoundError, REPOSITORY_ROOT } from '../../local';

describe('cloud functions found, not named', () => {
  let copy: string;

  beforeAll(() => {
    copy = copyProject('local-runner-');
    fs.renameSync(path.join(copy, 'cloudfunctions/groupTask'), path.join(copy, 'cloudfunctions/signup'));
    // A folder without src/local.ts is not run locally; one without config.json is no function.
    fs.mkdirSync(path.join(copy, 'cloudfunctions/plain/src'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'cloudfunctions/plain/config.json'), '{}');
    fs.mkdirSync(path.join(copy, 'cloudfunctions/notes'));
  });

  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('finds this repository’s function with its config.json', () => {
    const config = JSON.parse(
      fs.readFileSync(path.join(REPOSITORY_ROOT, 'cloudfunctions/groupTask/config.json'), 'utf8'),
    ) as { permissions: { openapi: string[] } };
    expect(discoverFunctions()).toEqual([
      {
        name: 'groupTask',
        dir: path.join(REPOSITORY_ROOT, 'cloudfunctions/groupTask'),
        entry: path.join(REPOSITORY_ROOT, 'cloudfunctions/groupTask/src/local.ts'),
        openapi: config.permissions.openapi,
        timers: ['sweep'],
      },
    ]);
  });

  it('calls a renamed function by its new name, as any member, and fires its timer', async () => {
    expect(discoverFunctions(copy).map((fn) => fn.name)).toEqual(['signup']);
    const backend = createLocalBackend({ root: copy });
    try {
      const { wechat } = backend;
      expect(backend.functions().map((fn) => [fn.name, fn.dir])).toEqual([
        ['signup', path.join(copy, 'cloudfunctions/signup')],
      ]);
      const room = wechat.createRoom({ chatType: 3 });
      const alice = wechat.addMember(room.id, { nickname: 'Alice' });
      const created = (await backend.call('signup', alice, {
        action: 'createTask',
        chatProof: wechat.issueCloudId(alice),
        envVersion: 'develop',
        task: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' } },
      })) as ApiResult<unknown>;
      expect(created).toMatchObject({ ok: true });
      // The only function is the default one.
      expect(await backend.callFunction(alice, { action: 'listMyTasks' })).toMatchObject({
        ok: true,
        data: { items: [{ title: '周六爬山' }], next: null },
      });
      expect(await backend.runTimer()).toMatchObject({ looked: 0 });
      expect(await backend.runTimer('signup', 'sweep')).toMatchObject({ looked: 0 });
      await expect(backend.runTimer('signup', 'hourly')).rejects.toThrow('signup has no timer trigger hourly');
      // The old name is gone, as on CloudBase.
      const refused = backend.call('groupTask', alice, { action: 'listMyTasks' });
      await expect(refused).rejects.toBeInstanceOf(FunctionNotFoundError);
      await expect(refused).rejects.toMatchObject({
        errCode: -501000,
        message: 'FunctionName parameter could not be found: groupTask (errCode -501000)',
      });
    } finally {
      backend.close();
    }
  });

  it('with two functions, the default one must be named', async () => {
    fs.cpSync(path.join(copy, 'cloudfunctions/signup'), path.join(copy, 'cloudfunctions/signup2'), { recursive: true });
    try {
      const unnamed = createLocalBackend({ root: copy });
      await expect(unnamed.callFunction({ openid: 'o' }, {})).rejects.toThrow(
        '2 cloud functions (signup, signup2): name one (defaultFunction)',
      );
      unnamed.close();
      const backend = createLocalBackend({ root: copy, defaultFunction: 'signup2' });
      expect(backend.functions().map((fn) => fn.name)).toEqual(['signup', 'signup2']);
      expect(await backend.callFunction({ openid: 'oAlice' }, { action: 'listMyTasks' })).toEqual({
        ok: true,
        data: { items: [], next: null },
      });
      backend.close();
    } finally {
      fs.rmSync(path.join(copy, 'cloudfunctions/signup2'), { recursive: true, force: true });
    }
  });

  it('refuses a src/local.ts that does not export the runner’s entry, naming the file', () => {
    const entry = path.join(copy, 'cloudfunctions/plain/src/local.ts');
    fs.writeFileSync(entry, 'export const main = () => 1;\n');
    try {
      expect(() => createLocalBackend({ root: copy, defaultFunction: 'signup' })).toThrow(
        `${entry} must export \`local\` with openDatabase and createMain`,
      );
    } finally {
      fs.rmSync(entry);
    }
  });

  it('a project without cloudfunctions/ runs no function', async () => {
    const empty = fs.mkdtempSync(path.join(copy, 'empty-'));
    const backend = createLocalBackend({ root: empty });
    expect(backend.functions()).toEqual([]);
    await expect(backend.call('signup', { openid: 'o' }, {})).rejects.toBeInstanceOf(FunctionNotFoundError);
    await expect(backend.callFunction({ openid: 'o' }, {})).rejects.toThrow(
      `no cloud function in ${path.join(empty, 'cloudfunctions')} has a config.json and a src/local.ts`,
    );
    backend.close();
  });
});
