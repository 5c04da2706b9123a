// The action table's promise, shown on the real tree: change an action's request or response in
// core/task-actions.ts and the compiler names the files that must follow (the page that sends the request, the
// cloud function's handler, the page that reads the answer). Each change is compiled in memory; only the errors the
// change adds are compared, so the test holds whatever else is being edited at the time.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const TABLE = path.join(root, 'packageChatTool/core/task-actions.ts');

function options(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.node.json'),
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error('tsconfig.node.json did not parse');
  return config.options;
}

function sourcesUnder(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('miniprogram_npm'))
    .map((file) => path.join(root, folder, file));
}

const ROOTS = [
  ...sourcesUnder('packageChatTool'),
  ...sourcesUnder('cloudfunctions/groupTask/src'),
  ...sourcesUnder('miniprogram'),
];
const compilerOptions = options();
let previous: ts.Program | undefined;

/** The errors in the project's own files, each as "file: message", when the table's source reads `table`. */
function errorsWith(table: string): Set<string> {
  const host = ts.createCompilerHost(compilerOptions);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === TABLE ? table : read(file));
  const program = ts.createProgram({ rootNames: ROOTS, options: compilerOptions, host, oldProgram: previous });
  previous = program;
  const ours = program.getSourceFiles().filter((file) => !file.fileName.includes('/node_modules/'));
  return new Set(
    ours.flatMap((file) =>
      [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
        (diagnostic) =>
          `${path.relative(root, file.fileName).split(path.sep).join('/')}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
      ),
    ),
  );
}

const original = fs.readFileSync(TABLE, 'utf8');
const baseline = errorsWith(original);

/** The files in which `edit` of the table adds an error. */
function filesBrokenBy(edit: (source: string) => string): string[] {
  const changed = edit(original);
  expect(changed).not.toBe(original);
  const added = [...errorsWith(changed)].filter((error) => !baseline.has(error));
  return [...new Set(added.map((error) => error.slice(0, error.indexOf(':'))))].sort();
}

// Each case type-checks the chat tool, the launcher and the cloud function once (seconds, not milliseconds).
const COMPILE_MS = 60_000;

describe('a change to the action table fails to compile where it matters', () => {
  it(
    'a new request field: the page that sends the request (the service is derived from the table)',
    () => {
      const broken = filesBrokenBy((source) =>
        source.replace(
          'leave: { request: { chatProof, taskId },',
          'leave: { request: { chatProof, taskId, reason: taskId },',
        ),
      );
      expect(broken).toEqual(['packageChatTool/pages/task/index.ts']);
    },
    COMPILE_MS,
  );

  it(
    "a changed response: the cloud function's handler and the page that reads it",
    () => {
      const broken = filesBrokenBy((source) =>
        source.replace(
          'getTask: { request: { chatProof, taskId }, response: returns<TaskView>() }',
          'getTask: { request: { chatProof, taskId }, response: returns<TaskSummaryPage>() }',
        ),
      );
      expect(broken).toEqual(['cloudfunctions/groupTask/src/actions.ts', 'packageChatTool/pages/task/index.ts']);
    },
    COMPILE_MS,
  );

  it(
    'a new action: its handler in the cloud function',
    () => {
      const broken = filesBrokenBy((source) =>
        source.replace(
          'export const TASK_ACTIONS = {',
          'export const TASK_ACTIONS = {\n  archive: { request: { chatProof, taskId }, response: returns<TaskView>() },',
        ),
      );
      expect(broken).toEqual(['cloudfunctions/groupTask/src/actions.ts']);
    },
    COMPILE_MS,
  );
});
