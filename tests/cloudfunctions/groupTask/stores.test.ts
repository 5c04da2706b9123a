import { newBinding } from 'chat-tool-kit';
import { createCloudbaseStore } from '../../../cloudfunctions/groupTask/src/cloudbase-store';
import { databaseOf } from '../../../cloudfunctions/groupTask/src/sdk';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createSqliteStore } from '../../../cloudfunctions/groupTask/src/sqlite-store';
import { createTask } from '../../../packageChatTool/core/task';
import { HOUR, must, NOW, storeContract } from './store-contract';

storeContract('SQLite (better-sqlite3, :memory:)', async () => {
  const store = createSqliteStore(':memory:');
  return { store, close: async () => store.close() };
});

storeContract('CloudBase store on the in-memory database (wx-server-sdk serializers + mingo)', async () => {
  const { database } = createMemoryCloudbase();
  return { store: createCloudbaseStore(databaseOf(database)), close: async () => undefined };
});

describe('CloudBase lists under the 1 MB query cap', () => {
  it('load a few hundred bytes per task, however many members signed up', async () => {
    const memory = createMemoryCloudbase();
    const store = createCloudbaseStore(databaseOf(memory.database));
    const room = 'busyRoom';
    const task = createTask({
      id: 'busyTask',
      draft: { title: '大群接龙', kind: 'participate', audience: { kind: 'everyone' } },
      room: { id: room, chatType: 3 },
      creator: { openid: 'oCreator', groupOpenid: 'gCreator' },
      card: newBinding({ activityId: 'a', expiresAt: NOW + 24 * HOUR }, 0),
      now: NOW,
    });
    await store.insert(task);
    for (let n = 0; n < 300; n += 1) {
      must(await store.join(task.id, room, { openid: `oMember${n}`, groupOpenid: `gMember${n}` }, NOW));
    }
    const before = memory.bytesReturned();
    const [listed] = await store.listByRoom(room, { openid: 'oMember7', groupOpenid: 'gMember7' }, 10);
    expect(listed).toMatchObject({ summary: { done: 300 }, viewer: { joined: true, invited: true } });
    expect(memory.bytesReturned() - before).toBeLessThan(1000);
    const whole = memory.bytesReturned();
    await store.get(task.id);
    expect(memory.bytesReturned() - whole).toBeGreaterThan(20_000);
  });
});
