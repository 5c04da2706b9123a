// The function words what the page shows and every refusal in the language each call names (the kit's LOCALE_FIELD),
// and in zh-CN when a call names none: one task, two members reading it in two languages.
import type { TaskView } from '../../../packageChatTool/core/api';
import { LOCALE_FIELD } from 'chat-tool-kit';
import { everyoneDraft, makeWorld, must } from './world';
import type { World } from './world';
import type { EmulatedMember } from '../../../emulator/types';

let world: World;
beforeEach(() => {
  world = makeWorld('sqlite', 3);
});
afterEach(() => world.close());

const asked = (who: EmulatedMember, action: string, body: object, locale?: string) =>
  world.raw(who, {
    action,
    chatProof: world.backend.wechat.issueCloudId(who),
    ...(locale === undefined ? {} : { [LOCALE_FIELD]: locale }),
    ...body,
  });

test('each member reads the task page and the list in the language their call named', async () => {
  const created = must(await world.call(world.creator, 'createTask', { envVersion: 'release', task: everyoneDraft() }));
  const taskId = created.task.id;
  const [, alice, bob] = world.members;
  const english = (await asked(alice!, 'getTask', { taskId }, 'en')) as { ok: true; data: TaskView };
  const chinese = (await asked(bob!, 'getTask', { taskId }, 'zh_CN')) as { ok: true; data: TaskView };
  expect(english.data.shown).toMatchObject({ status: 'Waiting for you to sign up', buttons: [{ label: 'Sign up' }] });
  expect(chinese.data.shown).toMatchObject({ status: '等你报名', buttons: [{ label: '报名' }] });
  // A call naming no language reads in zh-CN; one naming another reads as the kit's localeOf says.
  expect(((await asked(bob!, 'getTask', { taskId })) as { data: TaskView }).data.shown.status).toBe('等你报名');
  expect(((await asked(bob!, 'getTask', { taskId }, 'fr')) as { data: TaskView }).data.shown.status).toBe(
    'Waiting for you to sign up',
  );
  const listed = (await asked(alice!, 'listRoomTasks', {}, 'en')) as { data: { items: { shown: object }[] } };
  expect(listed.data.items[0]!.shown).toMatchObject({ stateLabel: 'Open', status: 'Waiting for you to sign up' });
});

test('a refusal carries its words in the caller language, beside its code', async () => {
  expect(await asked(world.members[1]!, 'getTask', { taskId: 'nope' }, 'en')).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', text: 'Task not found' },
  });
  expect(await asked(world.members[1]!, 'getTask', { taskId: 'nope' }, 'zh-CN')).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', text: '任务不存在或已被删除' },
  });
  // Refused before any handler: the request does not parse.
  expect(await asked(world.members[1]!, 'getTask', { taskId: 7 }, 'en')).toMatchObject({
    ok: false,
    error: { code: 'INVALID_REQUEST', text: 'Invalid request; reopen Group Tasks' },
  });
});
