// The local runner's entry to this function (docs/backend.md, "Local runner"): what src/main.ts wires in
// production, on the runner's SQLite file, SDK, clock and console variables. Never bundled (esbuild starts at
// src/main.ts), so it may use the SQLite store.
import type { LocalFunction } from '../../../local/types';
import { createGroupTask } from './actions';
import type { TaskRepository } from './ports';
import { createTaskStore, ROOM_MEMBERS } from './task-store';
import { memberBindings } from '../../../kit/server/member-bindings';
import type { MemberBindings } from '../../../kit/server/ports';
import { callerOpenid } from '../../../kit/server/sdk';
import type { DocumentStore } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import { consoleVariables, toolContext } from '../../../kit/server/production';

declare module '../../../local/types' {
  interface LocalFunctionOptions {
    /** Another document store instead of SQLite, e.g. cloudbaseDocuments on emulator/cloudbase-memory.ts. */
    documents?: DocumentStore;
    /** Another task repository instead of one on `documents`, e.g. one whose methods fail. */
    tasks?: TaskRepository;
    /** How long an action waits for setChatToolMsg before answering anyway; the timer retries. Default 2000. */
    cardSyncTimeoutMs?: number;
    /** Member bindings the instance remembers (default the kit's BINDINGS_REMEMBERED); 0 plays a fresh instance. */
    bindingsRemembered?: number;
  }
}

/** The function's records: its tasks and the kit's member bindings. */
interface GroupTaskDatabase {
  tasks: TaskRepository;
  bindings: MemberBindings;
}

export const local: LocalFunction<GroupTaskDatabase> = {
  openDatabase(file, options) {
    // What the runner opens it closes; a store it was given stays its giver's.
    const given = options.documents;
    const documents = given ?? sqliteDocuments(file);
    return {
      database: {
        tasks: options.tasks ?? createTaskStore(documents),
        bindings: memberBindings(documents, ROOM_MEMBERS, options.bindingsRemembered),
      },
      close: () => void (given === undefined && documents.close()),
    };
  },
  createMain({ tasks, bindings }, { sdk, env, https, now, log }, { cardSyncTimeoutMs = 2000 }) {
    const context = toolContext(sdk, { env, transport: https, now, log, cardSyncTimeoutMs });
    const groupTask = createGroupTask({ ...context, tasks, bindings });
    // One invocation, as src/main.ts handles it: the caller comes from getWXContext.
    return (event) => groupTask.main(event, callerOpenid(sdk));
  },
  // As a developer sets them in the console: the HTTPS fallback's appid and AppSecret, the member tickets' key.
  environment: consoleVariables,
};
