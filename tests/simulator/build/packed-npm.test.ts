// The app's scripts load a bare module name from the nearest miniprogram_npm, as WeChat does: the chat tool runs
// in the simulator on the same trimmed chat-tool-kit a phone gets (docs/foundation.md "How the kit is packed").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppBuilder, packedModule } from '../../../simulator/build';

let dir: string;
let builder: AppBuilder | undefined;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-npm-'));
  write('app.json', JSON.stringify({ pages: ['pages/home/index'] }));
  write('pages/home/index.json', JSON.stringify({ usingComponents: {} }));
  write('pages/home/index.ts', "import { shout } from 'tool-kit';\nPage({ data: { text: shout() } });\n");
  write('pages/home/index.wxml', '<view>{{text}}</view>');
  write('miniprogram_npm/tool-kit/index.js', '"use strict";exports.shout=()=>"from the packed copy";\n');
});

afterEach(async () => {
  await builder?.dispose();
  builder = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a page importing a packed npm name bundles the packed copy', async () => {
  builder = new AppBuilder(dir);
  const out = await builder.build();
  expect(out.errors).toEqual([]);
  expect(out.js).toContain('from the packed copy');
  expect(out.files).toContain('miniprogram_npm/tool-kit/index.js');
});

test('packedModule: the nearest miniprogram_npm up to the root, a file module too, nothing outside the root', () => {
  write('pages/miniprogram_npm/tool-kit.js', 'exports.shout = () => "nearer";\n');
  const page = path.join(dir, 'pages/home/index.ts');
  expect(packedModule(dir, page, 'tool-kit')).toBe(path.join(dir, 'pages/miniprogram_npm/tool-kit.js'));
  expect(packedModule(dir, path.join(dir, 'app.ts'), 'tool-kit')).toBe(
    path.join(dir, 'miniprogram_npm/tool-kit/index.js'),
  );
  expect(packedModule(dir, page, 'other')).toBeUndefined();
  expect(packedModule(path.join(dir, 'pages'), path.join(dir, 'app.ts'), 'tool-kit')).toBeUndefined();
});
