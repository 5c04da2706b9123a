// Production entry of the `groupPoll` cloud function: the kit's production wiring (wx-server-sdk, CloudBase, WeChat
// with its HTTPS fallback, clock, ids, log) under the poll's handlers.
// Bundled with esbuild into ../index.js (wx-server-sdk stays external), the kit's server part with it.
import cloud from 'wx-server-sdk';
import { production } from '../../../../../kit/server/production';
import { createGroupPoll } from './handlers';

const app = production(cloud, 'groupPoll');
const groupPoll = createGroupPoll(app);

export async function main(event: unknown): Promise<unknown> {
  return groupPoll.main(event, app.callerOpenid());
}
