// The project's cloud functions as CloudBase should run them, one entry per function: what `npm run setup:cloud`
// provisions (each function's timeout, memory and timer triggers; the collections it keeps, with their indexes and
// database permissions) and what `npm run deploy:functions` uploads (docs/backend.md, "Deploy"). Nothing is stated
// twice: the triggers are the function's config.json (which DevTools and the local runner read too), the indexes
// are the ones its stores declare (which the SQLite store creates too, but for one over an array), the permissions
// its database.rules.json.
import type { FunctionTrigger } from '../kit/server/chat-tool-function';
import type { Index } from '../kit/server/store/types';
import { MEMBER_INDEXES } from '../kit/server/member-bindings';
import groupTaskConfig from './groupTask/config.json';
import groupTaskRules from './groupTask/database.rules.json';
import { ROOM_MEMBERS, TASK_INDEXES, TASKS } from './groupTask/src/task-store';
import wecomTaskConfig from './wecomTask/config.json';

export type { FunctionTrigger };

/** A collection's rule for clients (database.rules.json): `false` refuses them, the functions are not bound by it. */
export interface CollectionRules {
  read: boolean | string;
  write: boolean | string;
}

export interface CloudCollection {
  name: string;
  indexes: readonly Index[];
  rules: CollectionRules;
}

export interface CloudFunction {
  /** Its folder under cloudfunctions/ and its name on CloudBase. */
  name: string;
  timeoutSeconds: number;
  memoryMb: number;
  triggers: readonly FunctionTrigger[];
  collections: readonly CloudCollection[];
  /**
   * Its HTTP access path (HTTP 访问服务), for a function a client reaches over HTTPS rather than wx.cloud; none for
   * the others, which keep none (docs/backend.md, "Deploy").
   */
  httpPath?: string;
}

/** The group task's store: groupTask's collections, which wecomTask shares (docs/platforms.md#wecom-setup). */
const TASK_STORE: readonly CloudCollection[] = [
  { name: TASKS, indexes: TASK_INDEXES, rules: groupTaskRules[TASKS] },
  { name: ROOM_MEMBERS, indexes: MEMBER_INDEXES, rules: groupTaskRules[ROOM_MEMBERS] },
];

export const CLOUD_FUNCTIONS: readonly CloudFunction[] = [
  {
    name: 'groupTask',
    // CloudBase's default is 3 s; an action may wait CARD_SYNC_TIMEOUT_MS (2.5 s, kit/server/production.ts) for
    // the card on top of its own reads and writes, and the timer's sweep updates many cards.
    timeoutSeconds: 10,
    memoryMb: 256,
    triggers: groupTaskConfig.triggers,
    collections: TASK_STORE,
  },
  {
    // The WeCom server (platforms/wecom/function.ts): the same handlers and store, reached by the WeCom toolbar page
    // through HTTP access. It waits on no card (WeCom's cannot change), only on qyapi once per login and entry.
    name: 'wecomTask',
    timeoutSeconds: 10,
    memoryMb: 256,
    triggers: wecomTaskConfig.triggers,
    collections: TASK_STORE,
    httpPath: '/wecomTask',
  },
];
