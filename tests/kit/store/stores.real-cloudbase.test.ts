// The store primitive's contract against a real CloudBase environment. It runs only with credentials:
//   TCB_ENV=<env id> TCB_SECRET_ID=… TCB_SECRET_KEY=… [TCB_SESSION_TOKEN=…] npx jest tests/kit/store/stores.real-cloudbase
// Otherwise it is skipped, and its title (the reason) is printed at the end of `npm test` by
// tests/harness/skipped-tests-reporter.js. Its collections are named kit_* (the same each run): each test
// empties the one it uses before it starts, and leaves its documents there for a look afterwards.
import cloud from 'wx-server-sdk';
import { databaseOf, initSdkWithKeys } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { collectionContract } from './collection-contract';

const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY, TCB_SESSION_TOKEN } = process.env;

if (TCB_ENV && TCB_SECRET_ID && TCB_SECRET_KEY) {
  jest.setTimeout(60_000);
  collectionContract(`CloudBase environment ${TCB_ENV}`, async () => {
    initSdkWithKeys(cloud, {
      env: TCB_ENV,
      secretId: TCB_SECRET_ID,
      secretKey: TCB_SECRET_KEY,
      sessionToken: TCB_SESSION_TOKEN,
    });
    const db = databaseOf(cloud.database());
    return {
      store: cloudbaseDocuments(db),
      async prepare(name) {
        // An existing collection refuses to be created again; either way it is there afterwards, emptied.
        await db.createCollection(name).catch(() => undefined);
        await db
          .collection(name)
          .where({ _id: db.command.exists(true) })
          .remove();
      },
      close: async () => undefined,
    };
  });
} else {
  describe('DocumentStore contract: real CloudBase', () => {
    it.skip('skipped: set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY to run the contract against a real environment', () =>
      undefined);
  });
}
