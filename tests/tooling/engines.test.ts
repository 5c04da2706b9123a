// The engines check on the compiled package: the main package (the launcher) parses as ES5, the chat tool as
// ES2020 with no Babel runtime, and the project's own compile settings decide what upload sends.
import { subpackageBytes } from '../../scripts/checks/budget';
import { compileOffline, type Compiled } from '../../scripts/checks/compile';
import { checkEngines, syntaxProblem } from '../../scripts/checks/engines';
import { baseFiles, fixtureProjects } from './fixture-project';

jest.setTimeout(180_000);

const project = fixtureProjects();

function compiledOk(compiled: Compiled): Compiled & { ok: true } {
  if (!compiled.ok) throw new Error(`compile failed: ${compiled.message}`);
  return compiled;
}

/** The fixture's project.config.json with `setting` changed. */
function withSetting(setting: Record<string, unknown>): string {
  const config = JSON.parse(baseFiles['project.config.json']!) as { setting: Record<string, unknown> };
  return JSON.stringify({ ...config, setting: { ...config.setting, ...setting } });
}

// The chat tool awaits: as written it is ES2017; `enhance` turns it into regenerator code with Babel helpers.
const asyncTool = {
  'packageChatTool/util/format.ts': [
    'export const shout = (text: string): string => text.toUpperCase();',
    'export async function later(): Promise<string> {',
    "  return shout(await Promise.resolve('later'));",
    '}',
    '',
  ].join('\n'),
};

describe('syntaxProblem', () => {
  test('ES5 refuses what ES2015 added, naming the position and the code there', () => {
    const code = 'var a = 1;\nvar shout = (text) => text;\n';
    expect(syntaxProblem('miniprogram/a.js', code, 5, 'ES5')).toEqual({
      file: 'miniprogram/a.js',
      line: 2,
      column: 21,
      message: expect.stringMatching(/^compiled code is not ES5 \(Unexpected token\) near ".*\(text\) => text;/),
    });
    expect(syntaxProblem('miniprogram/a.js', 'var a = { b: function () { return [1].concat([2]); } };', 5, 'ES5')).toBe(
      undefined,
    );
  });

  test('ES2020 takes optional chaining and ?? but refuses ??= (ES2021)', () => {
    expect(syntaxProblem('t.js', 'const a = b?.c ?? d;', 2020, 'ES2020')).toBe(undefined);
    expect(syntaxProblem('t.js', 'let a; a ??= 1;', 2020, 'ES2020')?.message).toMatch(/^compiled code is not ES2020/);
  });
});

test('a launcher written in ES2015 fails the check, and so does ES2021 in the chat tool', async () => {
  const root = project({
    'miniprogram/pages/home/index.ts': "const text = ['home'].map((word) => word);\nComponent({ data: { text } });\n",
    'packageChatTool/util/format.ts':
      'let cached: string | undefined;\nexport const shout = (text: string): string => (cached ??= text.toUpperCase());\n',
  });
  const check = checkEngines(root, compiledOk(await compileOffline(root)));
  expect(check.problems.map((problem) => [problem.file, problem.message.replace(/ \(.*/, '')])).toEqual([
    ['miniprogram/pages/home/index.js', 'compiled code is not ES5'],
    ['packageChatTool/util/format.js', 'compiled code is not ES2020'],
  ]);
});

describe('the project settings are the ones upload uses', () => {
  let plain: Compiled & { ok: true };
  let enhanced: Compiled & { ok: true };
  let enhancedRoot: string;
  beforeAll(async () => {
    const plainRoot = project(asyncTool);
    enhancedRoot = project({ ...asyncTool, 'project.config.json': withSetting({ es6: true, enhance: true }) });
    plain = compiledOk(await compileOffline(plainRoot));
    enhanced = compiledOk(await compileOffline(enhancedRoot));
    expect(checkEngines(plainRoot, plain).problems).toEqual([]);
  });

  test('es6 and enhance change the figure: Babel helpers and regenerator join the chat tool', () => {
    expect(subpackageBytes(enhanced.files, 'packageChatTool')).toBeGreaterThan(
      subpackageBytes(plain.files, 'packageChatTool'),
    );
    expect(Object.keys(plain.files).some((file) => file.includes('@babel/'))).toBe(false);
  });

  test('the check fails on Babel in the chat tool and prints its bytes', () => {
    const check = checkEngines(enhancedRoot, enhanced);
    const babelFiles = Object.keys(enhanced.files).filter((file) => file.startsWith('packageChatTool/@babel/'));
    expect(babelFiles.length).toBeGreaterThan(0);
    expect(check.problems.map((problem) => problem.file)).toEqual(
      expect.arrayContaining([...babelFiles, 'packageChatTool/util/format.js']),
    );
    expect(check.problems[0]!.message).toMatch(/set project\.config\.json setting\.es6 and setting\.enhance to false/);
    const bytes = Number(/Babel\/regenerator in the chat tool: (\d+) bytes/.exec(check.info.join('; '))![1]);
    expect(bytes).toBeGreaterThanOrEqual(babelFiles.reduce((sum, file) => sum + enhanced.files[file]!, 0));
    expect(checkEngines(enhancedRoot, plain).info).toContain('Babel/regenerator in the chat tool: 0 bytes');
  });
});
