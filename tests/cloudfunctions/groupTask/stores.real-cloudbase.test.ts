// The store contract against a real CloudBase environment. It runs only with credentials:
//   TCB_ENV=<env id> TCB_SECRET_ID=… TCB_SECRET_KEY=… [TCB_SESSION_TOKEN=…] npx jest stores.real-cloudbase
// Otherwise it is skipped, and its title (the reason) is printed at the end of `npm test` by
// tests/harness/skipped-tests-reporter.js. It leaves its test documents (unique ids, createdAt
// 2026-01-01T08:00Z) in the group_tasks collection.
import cloud from 'wx-server-sdk';
import { createTaskStore, TASKS } from '../../../cloudfunctions/groupTask/src/task-store';
import { databaseOf, initSdkWithKeys } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { storeContract } from './store-contract';

const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY, TCB_SESSION_TOKEN } = process.env;

if (TCB_ENV && TCB_SECRET_ID && TCB_SECRET_KEY) {
  jest.setTimeout(60_000);
  storeContract(`CloudBase environment ${TCB_ENV}`, async () => {
    initSdkWithKeys(cloud, {
      env: TCB_ENV,
      secretId: TCB_SECRET_ID,
      secretKey: TCB_SECRET_KEY,
      sessionToken: TCB_SESSION_TOKEN,
    });
    const raw = cloud.database();
    await raw.createCollection(TASKS).catch(() => undefined);
    const documents = cloudbaseDocuments(databaseOf(raw));
    return { store: createTaskStore(documents), close: () => documents.close() };
  });
} else {
  describe('TaskRepository contract: real CloudBase', () => {
    it.skip('skipped: set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY to run the contract against a real environment', () =>
      undefined);
  });
}
