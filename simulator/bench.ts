// `npm run bench:simulator`: how fast the edit loop is. Runs `npm start`'s CLI on a copy of the
// project (the checkout is never touched) and headless Chromium, then prints:
// - cold start: CLI spawn → server ready, and → the app's first page interactive in the browser;
// - rebuild: a page style edit → the page reloaded with it (median and worst of several edits),
//   and the build time the server reports.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..');
const PROJECT_FILES = [
  'app.json',
  'app.ts',
  'app.wxss',
  'theme.json',
  'sitemap.json',
  'miniprogram',
  'packageChatTool',
];
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const EDITS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-bench-'));
  for (const entry of PROJECT_FILES) {
    if (fs.existsSync(path.join(ROOT, entry)))
      fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  const browser = await chromium.launch({ executablePath, args: FLAGS });
  const page = await browser.newPage();

  const spawned = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'simulator/cli.ts',
      '--port',
      '0',
      '--root',
      copy,
      '--db',
      path.join(copy, 'bench.sqlite'),
    ],
    { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready in \d+ ms: (\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`simulator exited with ${code}\n${output}`)));
    });
    const serverReady = performance.now() - spawned;
    await page.goto(url);
    await page.waitForSelector('#app-frame[data-ready]');
    const interactive = performance.now() - spawned;

    const wxss = path.join(copy, 'miniprogram/pages/launcher/index.wxss');
    const original = fs.readFileSync(wxss, 'utf8');
    const reloads: number[] = [];
    for (let i = 1; i <= EDITS; i += 1) {
      const color = `rgb(${i}, 2, 3)`;
      const started = performance.now();
      fs.writeFileSync(wxss, `${original}\n.title { color: ${color}; }\n`);
      await page.waitForFunction((expected) => {
        const frame = document.querySelector<HTMLIFrameElement>('#app-frame');
        const title = frame?.contentDocument?.querySelector('wx-view[role="heading"]');
        return frame?.hasAttribute('data-ready') && title && getComputedStyle(title).color === expected;
      }, color);
      reloads.push(performance.now() - started);
    }
    const builds = [...output.matchAll(/built after an edit in (\d+) ms/g)].map((m) => Number(m[1]));

    console.log('Simulator benchmark (project copy, headless Chromium)');
    console.log(`  cold start → server ready:            ${Math.round(serverReady)} ms`);
    console.log(`  cold start → first page interactive:  ${Math.round(interactive)} ms`);
    console.log(
      `  style edit → page reloaded (median):  ${Math.round(median(reloads))} ms  (worst ${Math.round(Math.max(...reloads))} ms, ${EDITS} edits)`,
    );
    if (builds.length > 0) console.log(`  rebuild after an edit (median):       ${median(builds)} ms`);
  } finally {
    child.kill('SIGTERM');
    await browser.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
