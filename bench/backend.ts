// Backend benchmark: sign-up throughput and latency through the whole groupTask function (validation,
// chatProof resolution, atomic store step, card sync), WeChat API calls per sign-up, and bundle sizes.
// Run: npm run bench:backend. Figures are for the local machine; the CloudBase store runs offline on the
// in-memory database (real SDK serializers), so its figures measure our code, not CloudBase latency.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { ApiResult, CardShare, TaskView } from '../packageChatTool/core/api';
import { createLocalBackend } from '../local';
import type { EmulatedMember, LocalBackend } from '../local';
import { databaseOf } from '../kit/server/sdk';
import { cloudbaseDocuments } from '../kit/server/store';
import { createMemoryCloudbase } from '../emulator/cloudbase-memory';
import { buildOptions, functionEntries } from '../scripts/build-functions';
import { benchAnswers } from './answers';
import { benchTimer } from './timer';

const DISTINCT = 1000;
const REPEATS = 200;
const CAPACITY = 100;
const SEQUENTIAL = 300;

type Store = 'sqlite' | 'cloudbase-offline';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function publish(backend: LocalBackend, creator: EmulatedMember, capacity: number): Promise<string> {
  const created = (await backend.callFunction(creator, {
    action: 'createTask',
    chatProof: backend.wechat.issueCloudId(creator),
    envVersion: 'release',
    task: { title: '压测任务', kind: 'participate', audience: { kind: 'everyone' }, capacity },
  })) as ApiResult<{ task: TaskView; share: CardShare }>;
  if (!created.ok) throw new Error(created.error.message);
  backend.wechat.shareCard(creator, created.data.share);
  return created.data.task.id;
}

async function timedJoin(backend: LocalBackend, who: EmulatedMember, taskId: string) {
  const started = performance.now();
  const result = (await backend.callFunction(who, {
    action: 'join',
    chatProof: backend.wechat.issueCloudId(who),
    taskId,
  })) as ApiResult<TaskView>;
  return { latency: performance.now() - started, result };
}

async function benchStore(store: Store): Promise<void> {
  const documents =
    store === 'cloudbase-offline' ? cloudbaseDocuments(databaseOf(createMemoryCloudbase().database)) : undefined;
  const backend = createLocalBackend({ documents });
  const room = backend.wechat.createRoom({ name: 'bench' });
  const members = Array.from({ length: DISTINCT + 1 }, () => backend.wechat.addMember(room.id));
  const [creator, ...signers] = members;
  if (creator === undefined) throw new Error('no creator');

  // Burst: everyone at once, plus repeats.
  const burstTask = await publish(backend, creator, CAPACITY);
  const callsBefore = backend.wechat.calls().length;
  const attempts = [...signers, ...signers.slice(0, REPEATS)];
  const started = performance.now();
  const outcomes = await Promise.all(attempts.map((who) => timedJoin(backend, who, burstTask)));
  const wall = performance.now() - started;
  const latencies = outcomes.map((o) => o.latency).sort((a, b) => a - b);
  const admitted = outcomes.filter((o) => o.result.ok).length;
  const participants = outcomes.filter((o) => o.result.ok && o.result.data.viewer.status === 'done').length;
  const burstCalls = backend.wechat.calls().slice(callsBefore);
  const count = (api: string) => burstCalls.filter((c) => c.api === api).length;

  // Uncontended: one sign-up at a time.
  const quietTask = await publish(backend, creator, 500);
  const quiet: number[] = [];
  for (const who of signers.slice(0, SEQUENTIAL)) quiet.push((await timedJoin(backend, who, quietTask)).latency);
  quiet.sort((a, b) => a - b);

  console.log(`\n${store}: ${DISTINCT} members + ${REPEATS} repeats at once, capacity ${CAPACITY}`);
  console.log(
    `  burst: ${attempts.length} calls in ${ms(wall)} → ${Math.round(attempts.length / (wall / 1000))} sign-up calls/s`,
  );
  console.log(`  burst latency: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`);
  console.log(`  admitted ${admitted} (${participants} participants, ${admitted - participants} waitlisted)`);
  console.log(
    `  WeChat calls: getOpenData ${count('getOpenData')} (1 per call), setChatToolMsg ${count('setChatToolMsg')} ` +
      `= ${(count('setChatToolMsg') / participants).toFixed(2)} per participant, ${(count('setChatToolMsg') / attempts.length).toFixed(2)} per sign-up call`,
  );
  console.log(
    `  one at a time (${SEQUENTIAL}): p50 ${ms(percentile(quiet, 50))}, p99 ${ms(percentile(quiet, 99))} → ` +
      `${Math.round(1000 / (quiet.reduce((a, b) => a + b, 0) / quiet.length))} sign-ups/s`,
  );
  backend.close();
}

async function bundleSizes(): Promise<void> {
  const outDir = join(__dirname, '..', 'artifacts', 'bench');
  mkdirSync(outDir, { recursive: true });
  console.log('\ncloud function bundles (minified, wx-server-sdk external):');
  for (const { name, entry } of functionEntries()) {
    const outfile = join(outDir, `${name}.js`);
    await build(buildOptions(entry, outfile));
    const bytes = statSync(outfile).size;
    const gzip = gzipSync(readFileSync(outfile)).length;
    console.log(`  ${name}: ${(bytes / 1024).toFixed(1)} KB (${(gzip / 1024).toFixed(1)} KB gzip)`);
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${new Date().toISOString()}`);
  await benchStore('sqlite');
  await benchStore('cloudbase-offline');
  await benchAnswers();
  await bundleSizes();
  await benchTimer();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
