import { newBinding } from 'chat-tool-kit';
import { createTaskStore } from '../../../cloudfunctions/groupTask/src/task-store';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createTask } from '../../../packageChatTool/core/task';
import { HOUR, must, NOW, storeContract } from './store-contract';

storeContract('SQLite (better-sqlite3, :memory:)', async () => {
  const documents = sqliteDocuments(':memory:');
  return { store: createTaskStore(documents), close: () => documents.close() };
});

storeContract('CloudBase store on the in-memory database (wx-server-sdk serializers + mingo)', async () => {
  const { database } = createMemoryCloudbase();
  const documents = cloudbaseDocuments(databaseOf(database));
  return { store: createTaskStore(documents), close: () => documents.close() };
});

describe('CloudBase lists under the 1 MB query cap', () => {
  it('load a few hundred bytes per task, however many members signed up', async () => {
    const memory = createMemoryCloudbase();
    const store = createTaskStore(cloudbaseDocuments(databaseOf(memory.database)));
    const room = 'busyRoom';
    const task = createTask({
      id: 'busyTask',
      draft: { title: '大群接龙', kind: 'participate', audience: { kind: 'everyone' } },
      room: { id: room, chatType: 3 },
      creator: { userId: 'oCreator', memberId: 'gCreator' },
      card: newBinding({ activityId: 'a', expiresAt: NOW + 24 * HOUR }, 0),
      now: NOW,
    });
    await store.insert(task);
    for (let n = 0; n < 300; n += 1) {
      must(await store.join(task.id, room, { userId: `oMember${n}`, memberId: `gMember${n}` }, NOW));
    }
    const before = memory.bytesReturned();
    const [listed] = await store.listByRoom(room, { userId: 'oMember7', memberId: 'gMember7' }, null, 10);
    expect(listed).toMatchObject({ summary: { done: 300 }, viewer: { joined: true, invited: true } });
    expect(memory.bytesReturned() - before).toBeLessThan(1000);
    const whole = memory.bytesReturned();
    await store.get(task.id);
    expect(memory.bytesReturned() - whole).toBeGreaterThan(20_000);
  }, 30_000);
});
