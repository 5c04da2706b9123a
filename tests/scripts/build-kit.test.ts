// The packed kit carries the names the chat tools use at run time, derived from their import graphs; the built
// bundle and each project's packed copy export every one of them (a stale build fails here and in `npm run check`).
import fs from 'node:fs';
import path from 'node:path';
import {
  ALL_NAMES,
  exportsObject,
  KIT_BUNDLE,
  kitBundle,
  moduleUses,
  projects,
  usedKitNames,
} from '../../scripts/build-kit';
import { packedExports } from '../../scripts/checks/kit-exports';

const REPOSITORY = path.resolve(__dirname, '../..');
const uses = (source: string) => moduleUses('fixture.ts', source);

describe('moduleUses: the kit names one file uses as the compile leaves it', () => {
  test('value imports count; type-only imports and imports used only as types are erased', () => {
    const source = [
      "import type { Field } from 'chat-tool-kit';",
      "import { format, type Card, CardSync, text } from 'chat-tool-kit';",
      "import { shout } from './util';",
      'export const f: Field | Card | CardSync | undefined = undefined;',
      'export const s = shout(format(text("a", "b"), {}));',
      '',
    ].join('\n');
    expect(uses(source)).toEqual({ names: ['format', 'text'], relative: ['./util'] });
  });

  test('a re-export is a use; a namespace import or export * uses every name', () => {
    expect(uses("export { ok as good, fail } from 'chat-tool-kit';\n").names).toEqual(['ok', 'fail']);
    expect(uses("import * as kit from 'chat-tool-kit';\nexport const f = kit.format;\n").names).toEqual([ALL_NAMES]);
    expect(uses("export * from 'chat-tool-kit';\n").names).toEqual([ALL_NAMES]);
    expect(uses("export const later = () => import('chat-tool-kit').then((kit) => kit.format);\n")).toEqual({
      names: [ALL_NAMES],
      relative: [],
    });
    expect(uses("export const later = () => import('./pages');\n").relative).toEqual(['./pages']);
  });
});

describe('exportsObject: the bundle as CommonJS, its exports one plain object', () => {
  const load = (code: string): Record<string, unknown> => {
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', 'exports', code)(module, module.exports);
    return module.exports;
  };

  test('each export under its exported name, read once the bundle has run', () => {
    const esm =
      'var a = [1];\nfunction b() { return a.length; }\nvar c = b() + 1;\nexport {\n  a as A,\n  b,\n  c as default\n};\n';
    const exported = load(exportsObject(esm));
    expect(Object.keys(exported)).toEqual(['A', 'b', 'default']);
    expect(exported.A).toEqual([1]);
    expect((exported.b as () => number)()).toBe(1);
    expect(exported.default).toBe(2);
  });

  test('an exported binding the bundle assigns is refused: a plain object would not follow it', () => {
    const esm = 'var count = 0;\nvar [first] = [1];\nfunction bump() { count += 1; }\nexport { bump, count, first };\n';
    expect(() => exportsObject(esm)).toThrow('kit bundle: count change after loading');
    expect(() => exportsObject('var a = 1;\nexport default a;\n')).toThrow('one `export { … }` clause');
  });

  test("a packed bundle loads as CommonJS without esbuild's getter helpers", async () => {
    const code = await kitBundle(['format', 'text']);
    expect(code).not.toMatch(/getOwnPropertyDescriptor|__esModule/);
    const kit = load(code) as { format: (template: string, values: Record<string, string>) => string };
    expect(Object.keys(kit).sort()).toEqual(['format', 'text']);
    expect(kit.format('{who} joined', { who: 'Ann' })).toBe('Ann joined');
  });
});

describe('usedKitNames on this repository', () => {
  const names = usedKitNames();

  test('the pages reach the client; names only the cloud function reaches stay out', () => {
    expect(names).toEqual(expect.arrayContaining(['createActionClient', 'weChat', 'format']));
    // packageChatTool/core/task-changes.ts uses them, bundled into the cloud function: no page reaches it.
    expect(names).not.toContain('marksOnly');
    expect(names).not.toContain(ALL_NAMES);
  });

  test('each chat tool counts: the example poll adds what its pages use', () => {
    const main = usedKitNames([REPOSITORY]);
    const poll = usedKitNames([path.join(REPOSITORY, 'examples/poll')]);
    expect(poll.length).toBeGreaterThan(0);
    expect(names).toEqual([...new Set([...main, ...poll])].sort());
  });

  test("the built bundle exports each used name; each packed copy its own chat tool's (else `npm run build`)", () => {
    const exportsOf = (file: string) => packedExports(fs.readFileSync(file, 'utf8')).sort();
    expect(names.filter((name) => !exportsOf(KIT_BUNDLE).includes(name))).toEqual([]);
    const copies = projects().map((project) => {
      const app = JSON.parse(fs.readFileSync(path.join(project, 'app.json'), 'utf8')) as {
        chatTools: { root: string }[];
      };
      const copy = path.join(project, app.chatTools[0]!.root, 'miniprogram_npm/chat-tool-kit/index.js');
      return { copy: path.relative(REPOSITORY, copy), exported: exportsOf(copy), own: usedKitNames([project]) };
    });
    expect(copies.map(({ copy }) => copy)).toEqual([
      'packageChatTool/miniprogram_npm/chat-tool-kit/index.js',
      'examples/poll/packagePoll/miniprogram_npm/chat-tool-kit/index.js',
    ]);
    for (const { copy, exported, own } of copies) {
      expect({ copy, missing: own.filter((name) => !exported.includes(name)) }).toEqual({ copy, missing: [] });
    }
    // The main chat tool's copy leaves out what only the example poll uses.
    expect(copies[0]!.exported.length).toBeLessThan(exportsOf(KIT_BUNDLE).length);
  });
});
