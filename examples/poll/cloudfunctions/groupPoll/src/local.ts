// The local runner's entry to this function (local/types.ts LocalFunction): what src/main.ts wires in production,
// on the runner's SQLite file, SDK, clock and console variables. Never bundled, so it may use the SQLite store.
import type { LocalFunction } from '../../../../../local/types';
import { callerOpenid } from '../../../../../kit/server/sdk';
import type { DocumentStore } from '../../../../../kit/server/store';
import { sqliteDocuments } from '../../../../../kit/server/store/sqlite';
import { consoleVariables, toolContext } from '../../../../../kit/server/production';
import { createGroupPoll } from './handlers';

declare module '../../../../../local/types' {
  interface LocalFunctionOptions {
    /** Another store for the poll's documents than SQLite, e.g. the CloudBase one on emulator/cloudbase-memory.ts. */
    pollDocuments?: DocumentStore;
  }
}

export const local: LocalFunction<DocumentStore> = {
  openDatabase(file, { pollDocuments }) {
    if (pollDocuments) return { database: pollDocuments, close: () => undefined };
    const documents = sqliteDocuments(file);
    return { database: documents, close: () => void documents.close() };
  },
  createMain(documents, { sdk, env, https, now, log }) {
    const context = toolContext(sdk, { env, transport: https, now, log, cardSyncTimeoutMs: 2000 });
    const groupPoll = createGroupPoll({ ...context, documents });
    return (event) => groupPoll.main(event, callerOpenid(sdk));
  },
  // As a developer sets them in the console: the HTTPS fallback's appid and AppSecret, the member tickets' key.
  environment: consoleVariables,
};
