import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppBuilder, isolationOf } from '../../../simulator/build';

/** A minimal mini program on disk: one page, one component with scoped styles. */
function fixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-build-'));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('app.json', JSON.stringify({ pages: ['pages/home/index'] }));
  write('app.ts', 'App({});');
  write('app.wxss', 'page { background: #fff; }');
  write('pages/home/index.json', JSON.stringify({ usingComponents: { badge: '../../components/badge/index' } }));
  write('pages/home/index.ts', 'const n: number = 1;\nPage({ data: { n } });');
  write('pages/home/index.wxml', '<view class="title">{{n}}</view><badge/>');
  write('pages/home/index.wxss', '.title { font-size: 32rpx; }');
  write('components/badge/index.json', JSON.stringify({ component: true }));
  write('components/badge/index.ts', 'Component({});');
  write('components/badge/index.wxml', '<text class="dot">•</text>');
  write('components/badge/index.wxss', ':host { display: inline; } .dot { color: red; }');
  return dir;
}

interface Original {
  source: string;
  line: number;
  column: number;
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source file, line and column (0-based) a bundle position comes from, read from the map's VLQ mappings. */
function originalOf(map: SourceMap, line: number, column: number): Original {
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let found: Original | undefined;
  map.mappings.split(';').forEach((segments, generatedLine) => {
    let generatedColumn = 0;
    for (const segment of segments === '' ? [] : segments.split(',')) {
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      generatedColumn += values[0]!;
      if (values.length < 4) continue;
      source += values[1]!;
      sourceLine += values[2]!;
      sourceColumn += values[3]!;
      if (generatedLine === line && generatedColumn <= column) {
        found = { source: map.sources[source]!, line: sourceLine, column: sourceColumn };
      }
    }
  });
  if (!found) throw new Error(`no mapping at ${line}:${column}`);
  return found;
}

describe('AppBuilder', () => {
  let dir: string;
  let builder: AppBuilder;

  beforeEach(() => {
    dir = fixture();
    builder = new AppBuilder(dir);
  });

  afterEach(async () => {
    await builder.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('bundles the runtime with every page, component, template and scoped style', async () => {
    const out = await builder.build();
    expect(out.errors).toEqual([]);
    expect(out.ok).toBe(true);
    expect(out.js).toContain('pages/home/index');
    // A page is `shared` by default: its class names are unprefixed and its rules stay on the page.
    expect(out.js).toMatch(
      /:where\(wx-page\[data-route=\\?"pages\/home\/index\\?"\]\) \.title \{ font-size: 4\.26667vw; \}/,
    );
    expect(out.js).toMatch(/\[wx-host=\\?"s1\\?"\] \{ display: inline; \} \.s1--dot \{ color: red; \}/);
    expect(out.files).toEqual(
      expect.arrayContaining(['app.json', 'pages/home/index.ts', 'components/badge/index.wxss']),
    );
  });

  test('the source map is a file of its own, linked from the bundle: the first screen downloads the bundle alone', async () => {
    const out = await builder.build();
    expect(out.js).not.toContain('sourceMappingURL=data:');
    expect(out.js.trimEnd()).toMatch(/\/\/# sourceMappingURL=app\.js\.map$/);
    const map = JSON.parse(await out.map()) as { version: number; sources: string[] };
    expect(map.version).toBe(3);
    expect(map.sources.some((source) => source.endsWith('pages/home/index.ts'))).toBe(true);
  });

  test('the map, made only when asked for, fits the bundle it was asked for: also after an edit', async () => {
    const pageCall = async (): Promise<Original> => {
      const out = await builder.build();
      const lines = out.js.split('\n');
      const line = lines.findIndex((text) => text.includes('Page({ data:'));
      return originalOf(JSON.parse(await out.map()) as SourceMap, line, lines[line]!.indexOf('Page'));
    };
    const source = expect.stringMatching(/pages\/home\/index\.ts$/) as string;
    expect(await pageCall()).toEqual({ source, line: 1, column: 0 });
    fs.writeFileSync(
      path.join(dir, 'pages/home/index.ts'),
      '// one\n// two\nconst n: number = 1;\nPage({ data: { n } });',
    );
    expect(await pageCall()).toEqual({ source, line: 3, column: 0 });
  });

  test('a failed build has no map', async () => {
    fs.writeFileSync(path.join(dir, 'pages/home/index.ts'), 'Page({ data: { n } );');
    const out = await builder.build();
    expect(out.ok).toBe(false);
    expect(await out.map()).toBe('');
  });

  test('style isolation as WeChat documents it: pages shared, components isolated unless they say otherwise', () => {
    expect(isolationOf({}, true)).toBe('shared');
    expect(isolationOf({ styleIsolation: 'page-isolated' }, true)).toBe('page-isolated');
    expect(isolationOf({ component: true }, false)).toBe('isolated');
    expect(isolationOf({ component: true, addGlobalClass: true }, false)).toBe('apply-shared');
    expect(isolationOf({ component: true, addGlobalClass: true, styleIsolation: 'isolated' }, false)).toBe('isolated');
  });

  test('a TypeScript syntax error comes back with file and line, and a script that shows it in the page', async () => {
    fs.writeFileSync(path.join(dir, 'pages/home/index.ts'), 'const n: number = 1;\nPage({ data: { n } );');
    const out = await builder.build();
    expect(out.ok).toBe(false);
    expect(out.errors[0]).toMatchObject({ kind: 'typescript', file: 'pages/home/index.ts', line: 2 });
    expect(out.js).toContain('Build failed');
    expect(out.js).toContain('pages/home/index.ts');
  });

  test('a WXML error comes back with file and line; fixing it builds again', async () => {
    fs.writeFileSync(path.join(dir, 'components/badge/index.wxml'), '<text class="dot">\n{{ 1 + }}</text>');
    const broken = await builder.build();
    expect(broken.ok).toBe(false);
    expect(broken.errors[0]).toMatchObject({ kind: 'wxml', file: 'components/badge/index.wxml', line: 2 });
    fs.writeFileSync(path.join(dir, 'components/badge/index.wxml'), '<text class="dot">ok</text>');
    expect((await builder.build()).ok).toBe(true);
  });

  test('an edit to a template a page includes is in the next bundle', async () => {
    fs.writeFileSync(
      path.join(dir, 'pages/home/index.wxml'),
      '<include src="./note.wxml"/><view class="title">{{n}}</view>',
    );
    fs.writeFileSync(path.join(dir, 'pages/home/note.wxml'), '<view>note one</view>');
    const first = await builder.build();
    expect(first.js).toContain('note one');
    expect(first.files).toContain('pages/home/note.wxml');
    fs.writeFileSync(path.join(dir, 'pages/home/note.wxml'), '<view>note two</view>');
    const second = await builder.build();
    expect(second.js).toContain('note two');
    expect(second.js).not.toContain('note one');
  });

  test('a template deleted while a page includes it is an error naming the page; dropping the include recovers', async () => {
    fs.writeFileSync(
      path.join(dir, 'pages/home/index.wxml'),
      '<include src="./note.wxml"/><view class="title">{{n}}</view>',
    );
    fs.writeFileSync(path.join(dir, 'pages/home/note.wxml'), '<view>note one</view>');
    expect((await builder.build()).ok).toBe(true);
    fs.rmSync(path.join(dir, 'pages/home/note.wxml'));
    const broken = await builder.build();
    expect(broken.errors[0]).toMatchObject({
      kind: 'wxml',
      file: 'pages/home/index.wxml',
      message: 'template not found: pages/home/note.wxml',
    });
    fs.writeFileSync(path.join(dir, 'pages/home/index.wxml'), '<view class="title">{{n}}</view>');
    const fixed = await builder.build();
    expect(fixed.ok).toBe(true);
    expect(fixed.js).not.toContain('pages/home/note');
  });

  test('a WXSS error comes back with file and line', async () => {
    fs.writeFileSync(path.join(dir, 'pages/home/index.wxss'), '.title {\n  color: red;\n');
    const out = await builder.build();
    expect(out.errors[0]).toMatchObject({ kind: 'wxss', file: 'pages/home/index.wxss' });
  });
});
