// The web app page: its HTML with the page's script (main.ts, bundled by esbuild once per process) inline.
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Feishu's JSSDK (h5sdk and tt for web apps), as the web app guide links it; newer versions replace it
 * (docs/platforms.md, "Feishu: web app").
 */
export const JSSDK_URL = 'https://lf1-cdn-tos.bytegoofy.com/goofy/lark/op/h5-js-sdk-1.5.35.js';

let script: Promise<string> | null = null;

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    minify: true,
  });
  return result.outputFiles[0]?.text ?? '';
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page for the app `appId` (requestAccess needs it); the script is bundled on first use. */
export async function webAppPage(appId: string): Promise<string> {
  script ??= bundle();
  const code = (await script).replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="feishu-app-id" content="${escapeHtml(appId)}">
<title>群任务 · Group tasks</title>
<style>
:root { --bg: #fff; --fg: #1f2329; --muted: #646a73; --line: #dee0e3; --accent: #3370ff; --danger: #f54a45; }
@media (prefers-color-scheme: dark) { :root { --bg: #1a1a1a; --fg: #ebebeb; --muted: #a6a6a6; --line: #373737; --accent: #4c88ff; --danger: #f76964; } }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
main { max-width: 640px; margin: 0 auto; padding: 16px; }
h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 17px; }
.muted { color: var(--muted); }
button, input, select, textarea { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-height: 40px; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { color: var(--danger); }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
label { display: block; margin: 12px 0 4px; }
input, select, textarea { width: 100%; box-sizing: border-box; }
ul { list-style: none; padding: 0; } li { padding: 8px 0; border-bottom: 1px solid var(--line); }
.row { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0; }
[role="alert"] { color: var(--danger); }
</style>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script src="${JSSDK_URL}"></script>
<script>${code}</script>
</body>
</html>`;
}
