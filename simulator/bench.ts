// `npm run bench:simulator`: how fast the edit loop is. Runs `npm start`'s CLI on a copy of the
// project (the checkout is never touched) and headless Chromium, then prints:
// - cold start: CLI spawn → server ready, and → the app's first page interactive in the browser;
// - rebuild: a page style edit → the page reloaded with it (median and worst of several edits),
//   and the build time the server reports;
// - first screen: the bytes the browser downloads until the first page is interactive (the app bundle among them;
//   its source map is fetched only when devtools are open).

import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'playwright-core';
import { chromiumPath, copyProject, launchBrowser, startServer, type RunningServer } from './headless';

const EDITS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)');
  const copy = copyProject('simulator-bench-');
  const browser = await launchBrowser(executablePath);
  const page = await browser.newPage();
  let server: RunningServer | undefined;
  try {
    server = await startServer(['--root', copy, '--watch']);
    const serverReady = server.readyMs;
    const downloads: Promise<{ url: string; bytes: number }>[] = [];
    const count = (response: Response) => {
      // The event stream never ends; everything else is a whole download.
      if (new URL(response.url()).pathname === '/events') return;
      downloads.push(response.body().then((body) => ({ url: response.url(), bytes: body.length })));
    };
    page.on('response', count);
    await page.goto(server.url);
    await page.waitForSelector('#app-frame[data-ready]');
    const interactive = performance.now() - server.startedAt;
    page.off('response', count);
    const firstScreen = await Promise.all(downloads);
    const bundle = firstScreen.find(({ url }) => new URL(url).pathname === '/app.js')?.bytes ?? 0;
    const map = Buffer.byteLength(await (await fetch(new URL('/app.js.map', server.url))).text());

    // The first page of app.json, which the phone opens at the start.
    const [firstPage] = (JSON.parse(fs.readFileSync(path.join(copy, 'app.json'), 'utf8')) as { pages: string[] }).pages;
    const wxss = path.join(copy, `${firstPage}.wxss`);
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
    const builds = [...server.output.join('').matchAll(/built after an edit in (\d+) ms/g)].map((m) => Number(m[1]));

    console.log('Simulator benchmark (project copy, headless Chromium)');
    console.log(`  cold start → server ready:            ${Math.round(serverReady)} ms`);
    console.log(`  cold start → first page interactive:  ${Math.round(interactive)} ms`);
    console.log(
      `  style edit → page reloaded (median):  ${Math.round(median(reloads))} ms  (worst ${Math.round(Math.max(...reloads))} ms, ${EDITS} edits)`,
    );
    if (builds.length > 0) console.log(`  rebuild after an edit (median):       ${median(builds)} ms`);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const total = firstScreen.reduce((sum, { bytes }) => sum + bytes, 0);
    console.log(
      `  first screen downloaded:              ${kb(total)} in ${firstScreen.length} responses (app bundle ${kb(bundle)}; its source map ${kb(map)}, fetched only with devtools open)`,
    );
  } finally {
    await server?.stop();
    await browser.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
