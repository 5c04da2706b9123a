// The kit exports check on the compiled package: a compiled chat-tool script that reads a name the packed
// chat-tool-kit does not export fails `npm run check`, naming the file and the name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileOffline, type Compiled } from '../../scripts/checks/compile';
import { checkKitExports, packedExports, scriptUses } from '../../scripts/checks/kit-exports';
import { fixtureProjects } from '../tooling/fixture-project';

jest.setTimeout(180_000);

const project = fixtureProjects();

function compiledOk(compiled: Compiled): Compiled & { ok: true } {
  if (!compiled.ok) throw new Error(`compile failed: ${compiled.message}`);
  return compiled;
}

describe('scriptUses: the names a compiled CommonJS file reads from the kit', () => {
  test('member reads, re-export getters and literal indexes count; a shadowing name is not the kit', () => {
    const code = [
      '"use strict";',
      'Object.defineProperty(exports,"ok",{enumerable:!0,get:function(){return e.ok}});',
      'var e=require("chat-tool-kit"),t=require("../util");',
      'exports.a=(0,e.format)("x");',
      'exports.b=e["texts"];',
      'exports.c=(e)=>e.notTheKit;',
      'exports.d=function(){var e={};return e.alsoNot};',
      'exports.f=()=>{try{}catch(e){return e.stillNot}return {e:1}.e};',
    ].join('');
    expect(scriptUses(code)).toEqual({
      names: ['format', 'ok', 'texts'],
      whole: false,
      requires: ['chat-tool-kit', '../util'],
    });
  });

  test('the kit object passed on or indexed by a variable is used whole', () => {
    expect(scriptUses('var e=require("chat-tool-kit");module.exports=e;').whole).toBe(true);
    expect(scriptUses('var e=require("chat-tool-kit");exports.a=(n)=>e[n];').whole).toBe(true);
    expect(scriptUses('exports.a=require("chat-tool-kit").format;')).toEqual({
      names: ['format'],
      whole: false,
      requires: ['chat-tool-kit'],
    });
  });

  test('packedExports loads the packed kit as WeChat does', () => {
    expect(packedExports('"use strict";module.exports={shout:1,whisper:2};')).toEqual(['shout', 'whisper']);
    expect(() => packedExports('require("other");')).toThrow(/requires "other"/);
  });
});

// The fixture's packed kit exports `shout` only: the page uses it, the badge component imports `whisper` too.
const packedKit = {
  'packageChatTool/miniprogram_npm/chat-tool-kit/index.js':
    '"use strict";Object.defineProperty(exports,"__esModule",{value:!0});exports.shout=(t)=>t.toUpperCase();\n',
  'packageChatTool/pages/entry/index.ts': [
    "import { shout } from 'chat-tool-kit';",
    '',
    "Component({ data: { greeting: shout('hello') } });",
    '',
  ].join('\n'),
  'packageChatTool/components/badge/index.ts': [
    "import { shout, whisper } from 'chat-tool-kit';",
    '',
    "Component({ data: { label: whisper(shout('!')) } });",
    '',
  ].join('\n'),
};

test('a chat-tool script using a name the packed kit lacks fails, naming the file and the name', async () => {
  const root = project(packedKit);
  const check = checkKitExports(root, compiledOk(await compileOffline(root)));
  expect(check.problems).toEqual([
    {
      file: 'packageChatTool/components/badge/index.js',
      message: expect.stringMatching(/^uses "whisper" from chat-tool-kit, which the packed kit .* does not export/),
    },
  ]);
});

test('with every name packed the check passes', async () => {
  const complete = project({
    ...packedKit,
    'packageChatTool/miniprogram_npm/chat-tool-kit/index.js':
      '"use strict";exports.shout=(t)=>t.toUpperCase();exports.whisper=(t)=>t.toLowerCase();\n',
  });
  const good = checkKitExports(complete, compiledOk(await compileOffline(complete)));
  expect(good.problems).toEqual([]);
  expect(good.info).toEqual([expect.stringMatching(/ load 2 kit names, each one packed$/)]);
});

test('a script requiring the kit with none packed into its subpackage fails; unreached scripts are not read', () => {
  const root = project();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kit-exports-'));
  const files: Record<string, string> = {
    'packageChatTool/pages/entry/index.js': 'var e=require("../../util/kit");Component({data:{a:(0,e.shout)("a")}});',
    'packageChatTool/pages/entry/index.json': '{}',
    'packageChatTool/util/kit.js': 'var e=require("chat-tool-kit");exports.shout=e.shout;',
    'packageChatTool/util/unused.js': 'this is not JavaScript, and no page loads it',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const sizes = Object.fromEntries(Object.entries(files).map(([file, text]) => [file, text.length]));
  try {
    expect(checkKitExports(root, { ok: true, files: sizes, dir }).problems).toEqual([
      {
        file: 'packageChatTool/util/kit.js',
        message:
          'requires "chat-tool-kit" but no miniprogram_npm/chat-tool-kit/index.js is packed into packageChatTool',
      },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
