// The simulator, the emulator and the local runner serve any chat tool: nothing in them names this repository's example (its cloud
// functions, its chat tool's folder, its domain's words), so a cloner who renames or replaces it keeps `npm start`.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|css|json|html)$/.test(entry.name) ? [file] : [];
  });
}

/** The example's names, read from the repository rather than listed: renaming it keeps this test meaningful. */
function exampleNames(): RegExp[] {
  const functions = fs
    .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const appJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as {
    chatTools?: { root: string }[];
  };
  const chatTools = (appJson.chatTools ?? []).map((tool) => tool.root);
  const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    ...[...functions, ...chatTools].map((name) => new RegExp(`\\b${escape(name)}\\b`, 'i')),
    // The group task's own words.
    /\btasks?\b/i,
    /接龙/,
  ];
}

test('nothing in simulator/, emulator/ or local/ names the example', () => {
  const names = exampleNames();
  expect(names.length).toBeGreaterThanOrEqual(4);
  const found: string[] = [];
  for (const file of ['simulator', 'emulator', 'local'].flatMap(sourceFiles)) {
    fs.readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const name = names.find((pattern) => pattern.test(line));
        if (name) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});
