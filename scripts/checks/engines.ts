// What each part of the package must run on (docs/platform.md#engines), checked on the compiled files upload
// sends: the main package (the launcher, which must run on clients too old for the chat tool, to say so) parses
// as ES5; the chat tool (base library 3.7.8+) parses as ES2020 and carries no Babel helpers or regenerator.
import { parse, type ecmaVersion } from 'acorn';
import { compiledText, type Compiled } from './compile';
import { readAppJson, subPackagesOf } from './files';
import { result, type CheckResult, type Problem } from './result';

export const LAUNCHER_ECMA_VERSION = 5;
export const CHAT_TOOL_ECMA_VERSION = 2020;

// What miniprogram-ci's `es6`/`enhance` add: helper files under @babel/runtime and the regenerator runtime.
const BABEL_FOLDER = '@babel/';
const BABEL_CODE = /@babel\/runtime|regeneratorRuntime/;

const prefix = (root: string) => `${root.replace(/\/+$/, '')}/`;

/** The compiled text around a position, so a one-line minified file still shows the construct at fault. */
function excerpt(code: string, position: number): string {
  return code.slice(Math.max(0, position - 30), position + 30).replace(/\s+/g, ' ');
}

/** A problem if `code` does not parse at `version`. Minified files are one line, so the excerpt locates it. */
export function syntaxProblem(file: string, code: string, version: ecmaVersion, label: string): Problem | undefined {
  try {
    parse(code, { ecmaVersion: version, sourceType: 'script' });
    return undefined;
  } catch (error) {
    const { message, pos, loc } = error as SyntaxError & { pos?: number; loc?: { line: number; column: number } };
    return {
      file,
      line: loc?.line,
      column: loc === undefined ? undefined : loc.column + 1,
      message: `compiled code is not ${label} (${message.replace(/ \(\d+:\d+\)$/, '')}) near "${excerpt(code, pos ?? 0)}"`,
    };
  }
}

/** Bytes the Babel runtime adds to the files under `root`: its helper files, and whole files that use it. */
export function babelBytes(compiled: Compiled & { ok: true }, root: string): { bytes: number; files: string[] } {
  const files = Object.keys(compiled.files).filter(
    (file) =>
      file.startsWith(prefix(root)) &&
      (file.slice(prefix(root).length).startsWith(BABEL_FOLDER) ||
        (file.endsWith('.js') && BABEL_CODE.test(compiledText(compiled, file)))),
  );
  return { bytes: files.reduce((sum, file) => sum + compiled.files[file]!, 0), files };
}

export function checkEngines(root: string, compiled: Compiled & { ok: true }): CheckResult {
  const name = 'engines (compiled syntax)';
  const app = readAppJson(root);
  const chatTool = app.chatTools?.[0]?.root;
  const subpackages = subPackagesOf(app).map((sub) => prefix(sub.root));
  const scripts = Object.keys(compiled.files).filter((file) => file.endsWith('.js'));
  const launcher = scripts.filter((file) => !subpackages.some((sub) => file.startsWith(sub)));
  const tool = chatTool ? scripts.filter((file) => file.startsWith(prefix(chatTool))) : [];

  const problems: Problem[] = [
    ...launcher.map((file) => syntaxProblem(file, compiledText(compiled, file), LAUNCHER_ECMA_VERSION, 'ES5')),
    ...tool.map((file) => syntaxProblem(file, compiledText(compiled, file), CHAT_TOOL_ECMA_VERSION, 'ES2020')),
  ].filter((problem): problem is Problem => problem !== undefined);
  const babel = chatTool ? babelBytes(compiled, chatTool) : { bytes: 0, files: [] };
  for (const file of babel.files) {
    problems.push({
      file,
      message:
        'Babel helpers or regenerator in the chat tool: set project.config.json setting.es6 and setting.enhance to false',
    });
  }
  return result(name, problems, [
    `main package ${launcher.length} scripts as ES5`,
    `chat tool ${tool.length} scripts as ES2020`,
    `Babel/regenerator in the chat tool: ${babel.bytes} bytes`,
  ]);
}
