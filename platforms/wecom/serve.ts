// `npx tsx platforms/wecom/serve.ts`: the WeCom server on 127.0.0.1 with the SQLite store, for a WeCom client or
// WeChat DevTools' WeCom mode on this machine (docs/platforms.md#wecom-setup). It reads its settings from the
// environment and refuses to start, naming what is missing, without them. WECOM_PORT (default 5231) and
// WECOM_DATABASE (default .simulator/wecom.sqlite) say where.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sqliteDocuments } from '../../kit/server/store/sqlite';
import { listenWecom } from './http';
import { createWecomService } from './service';
import { readWecomSettings, settingsMessage } from './settings';

export const DEFAULT_PORT = 5231;

/** What the command does, given its environment: the server's URL, or the refusal to print. */
export async function serve(env: Record<string, string | undefined>) {
  const settings = readWecomSettings(env);
  if (!settings.ok) return { ok: false as const, message: settingsMessage(settings.problems) };
  const memory = env.WECOM_DATABASE === ':memory:';
  const file = resolve(env.WECOM_DATABASE ?? '.simulator/wecom.sqlite');
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  const documents = sqliteDocuments(memory ? ':memory:' : file);
  const log = (message: string, detail?: unknown) => console.warn(`[wecom] ${message}`, detail ?? '');
  const service = createWecomService({ settings: settings.settings, documents, log });
  const port = env.WECOM_PORT === undefined ? DEFAULT_PORT : Number(env.WECOM_PORT);
  const { server, url } = await listenWecom(service, port);
  return {
    ok: true as const,
    url,
    close: () => new Promise<void>((done) => server.close(() => (documents.close(), done()))),
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename)) {
  serve(process.env).then(
    (started) => {
      if (!started.ok) {
        console.error(started.message);
        process.exit(1);
      }
      console.log(`WeCom server at ${started.url}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
