import { createCloudbaseStore } from '../../../cloudfunctions/groupTask/src/cloudbase-store';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createSqliteStore } from '../../../emulator/sqlite-store';
import { storeContract } from './store-contract';

storeContract('SQLite (better-sqlite3, :memory:)', async () => {
  const store = createSqliteStore(':memory:');
  return { store, close: async () => store.close() };
});

storeContract('CloudBase store on the in-memory database (wx-server-sdk serializers + mingo)', async () => {
  const { database } = createMemoryCloudbase();
  return { store: createCloudbaseStore(database), close: async () => undefined };
});
