// Every chat-tool page is a Skyline page with the custom navigation bar, themed for light and dark.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../packageChatTool');
const appJson = JSON.parse(fs.readFileSync(path.resolve(root, '../app.json'), 'utf8')) as {
  subPackages: { root: string; pages: string[] }[];
};
const pages = appJson.subPackages.find((p) => p.root === 'packageChatTool')?.pages ?? [];
const theme = fs.readFileSync(path.join(root, 'styles/theme.wxss'), 'utf8');

test('app.json lists the entry, create and task pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['pages/entry/index', 'pages/create/index', 'pages/task/index']));
});

test.each(pages)('%s has a custom nav bar and the shared theme, and renders once it has its texts', (page) => {
  const json = JSON.parse(fs.readFileSync(path.join(root, `${page}.json`), 'utf8')) as {
    navigationStyle?: string;
    usingComponents?: Record<string, string>;
  };
  expect(json.navigationStyle).toBe('custom');
  expect(json.usingComponents?.['nav-bar']).toBe('../../components/nav-bar/index');
  expect(fs.readFileSync(path.join(root, `${page}.wxml`), 'utf8')).toMatch(
    /^<view class="page" wx:if="\{\{t\}\}">\s*<nav-bar /,
  );
  expect(fs.readFileSync(path.join(root, `${page}.wxss`), 'utf8')).toMatch(
    /@import ['"]\.\.\/\.\.\/styles\/theme\.wxss['"];/,
  );
});

test('dark mode redefines every surface and text colour', () => {
  const dark = /@media \(prefers-color-scheme: dark\) \{([\s\S]*?)\n\}/.exec(theme)?.[1] ?? '';
  for (const variable of ['--bg', '--surface', '--text', '--text-secondary', '--border', '--brand']) {
    expect([variable, dark]).toEqual([variable, expect.stringContaining(`${variable}:`)]);
  }
});
