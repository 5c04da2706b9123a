// The WeCom server as a CloudBase cloud function reached through HTTP access
// (docs/platforms.md#wecom-reaching-the-server): a function of its own beside groupTask, on the same CloudBase database, whose only identity is the one it
// verifies itself (jscode2session, then its own proofs). groupTask keeps no HTTP trigger (docs/backend.md, "Deploy").
// A timer trigger runs the group task's timer (due tasks end), as groupTask's does. Without its settings it answers
// every request with the names of what is missing, and runs nothing.
import cloud from 'wx-server-sdk';
import { production } from '../../kit/server/production';
import type { CloudbaseHttpEvent } from './http';
import { cloudbaseHttpMain } from './http';
import { createWecomService } from './service';
import { readWecomSettings, settingsMessage } from './settings';

const app = production(cloud, 'wecomTask');
const settings = readWecomSettings(process.env);
if (!settings.ok) app.log(settingsMessage(settings.problems));
const service = settings.ok
  ? createWecomService({ settings: settings.settings, documents: app.documents, log: app.log })
  : null;
const http = service === null ? null : cloudbaseHttpMain(service);

const isTimer = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';

export async function main(event: CloudbaseHttpEvent): Promise<unknown> {
  if (!settings.ok || service === null || http === null) {
    const body = {
      ok: false,
      error: { code: 'NOT_CONFIGURED', message: settingsMessage(settings.ok ? [] : settings.problems) },
    };
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    };
  }
  // An HTTP request always carries its method; a client cannot make one look like a timer event.
  if (event.httpMethod === undefined && isTimer(event)) return service.sweep();
  return http(event);
}
