// The Feishu bot service, started with one command (docs/platforms.md, "Feishu: run it"):
//   npx tsx platforms/feishu/cli.ts
// Settings come from the environment only (config.ts); with one missing it names each and exits with status 2,
// never printing a value. Records: SQLite at FEISHU_DB locally, the CloudBase database with FEISHU_STORE=cloudbase.
import http from 'node:http';
import cloud from 'wx-server-sdk';
import { databaseOf, initSdkWithKeys } from '../../kit/server/sdk';
import type { DocumentStore } from '../../kit/server/store';
import { cloudbaseDocuments } from '../../kit/server/store';
import { sqliteDocuments } from '../../kit/server/store/sqlite';
import type { StoreSetting } from './config';
import { readSettings } from './config';
import { createFeishuService } from './service';

/** The timer's period: the kit's card sync and the re-renders that failed, once a minute as WeChat's timer runs. */
export const TIMER_MS = 60_000;

function openStore(store: StoreSetting): DocumentStore {
  if (store.kind === 'sqlite') return sqliteDocuments(store.file);
  initSdkWithKeys(cloud, { env: store.env, secretId: store.secretId, secretKey: store.secretKey });
  return cloudbaseDocuments(databaseOf(cloud.database()));
}

function main(): void {
  const read = readSettings(process.env);
  if (!read.ok) {
    console.error('The Feishu bot service cannot start:');
    for (const problem of read.problems) console.error(`  - ${problem}`);
    console.error('See docs/platforms.md, "Feishu: environment".');
    process.exit(2);
  }
  const { settings } = read;
  const documents = openStore(settings.store);
  const log = (message: string, detail?: unknown) => console.warn(`[feishu] ${message}`, detail ?? '');
  const service = createFeishuService({ ...settings, documents, log });
  const server = http.createServer(service.listener);
  const timer = setInterval(() => {
    service.tick().catch((error: unknown) => log('the timer failed', error));
  }, TIMER_MS);
  server.listen(settings.port, settings.host, () => {
    console.log(`Feishu bot service on http://${settings.host}:${settings.port}`);
    console.log(`  card callbacks: ${settings.publicUrl}/feishu/card   web app: ${settings.publicUrl}/`);
    console.log(`  OpenAPI: ${settings.domain}   store: ${settings.store.kind}`);
  });
  const stop = () => {
    clearInterval(timer);
    server.close(() => void documents.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
