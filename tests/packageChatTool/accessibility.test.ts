// Every interactive element in the chat tool's templates carries aria-role and aria-label
// (WeChat reads them to screen-reader users). Interactive: a tap handler, or a form control.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../packageChatTool');
const CONTROLS = new Set(['input', 'textarea', 'button', 'switch', 'slider']);

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : templates(full);
    return entry.name.endsWith('.wxml') ? [full] : [];
  });
}

/** Opening tags with their attribute names; quotes and {{ }} may hold '>' so they are skipped over. */
function tags(source: string): { name: string; attributes: string[] }[] {
  const found: { name: string; attributes: string[] }[] = [];
  const text = source.replace(/<!--[\s\S]*?-->/g, '');
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const name = /^<([a-zA-Z][\w-]*)/.exec(text.slice(i))?.[1];
    if (!name) continue;
    let j = i + name.length + 1;
    let quote = '';
    while (j < text.length && (quote || text[j] !== '>')) {
      if (quote && text[j] === quote) quote = '';
      else if (!quote && (text[j] === '"' || text[j] === "'")) quote = text[j];
      j += 1;
    }
    const attributes = [...text.slice(i + name.length + 1, j).matchAll(/([\w:-]+)\s*=\s*("[^"]*"|'[^']*')/g)];
    found.push({ name, attributes: attributes.map((m) => m[1]) });
    i = j;
  }
  return found;
}

const files = templates(root);

test('the chat tool has templates to check', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

test.each(files.map((file) => [path.relative(root, file), file]))('%s labels every control', (_name, file) => {
  const missing = tags(fs.readFileSync(file, 'utf8'))
    .filter(
      ({ name, attributes }) =>
        CONTROLS.has(name) || attributes.some((a) => /^(bind|catch)(:)?tap$/.test(a) || a === 'bind:tap'),
    )
    .filter(({ attributes }) => !attributes.includes('aria-role') || !attributes.includes('aria-label'))
    .map(({ name }) => name);
  expect(missing).toEqual([]);
});

test('the checker sees a control without labels', () => {
  expect(tags('<view bind:tap="x" class="{{a > b}}">').map((t) => t.attributes)).toEqual([['bind:tap', 'class']]);
});
