// Production entry of the `groupTask` cloud function: the kit's production wiring (wx-server-sdk, CloudBase, WeChat
// with its HTTPS fallback, clock, ids, log) under the group task's repository, member bindings and handlers.
// Bundled by scripts/build-functions.ts into ../index.js (wx-server-sdk stays external).
import cloud from 'wx-server-sdk';
import { createGroupTask } from './actions';
import { createTaskStore, ROOM_MEMBERS } from './task-store';
import { memberBindings } from '../../../kit/server/member-bindings';
import { production } from '../../../kit/server/production';

const app = production(cloud, 'groupTask');

const groupTask = createGroupTask({
  ...app,
  tasks: createTaskStore(app.documents),
  bindings: memberBindings(app.documents, ROOM_MEMBERS),
});

export async function main(event: unknown): Promise<unknown> {
  return groupTask.main(event, app.callerOpenid());
}
