// docs/customize.md's recipes, carried out on a copy of the project: a new field and a new action, each step as the
// document gives it. The compiler (or the field-marker test) names every file the recipe touches, and once those
// files are edited the project compiles again: the counts in the document are these.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { TASK_FIELD_NAMES } from '../../packageChatTool/core/task-fields';
import { fieldMarkers } from '../packageChatTool/pages/field-markers';

const ROOT = path.resolve(__dirname, '../..');
const COPIED = [
  'packageChatTool',
  'kit',
  'typings',
  'cloudfunctions/groupTask/src',
  // src/actions.ts reads the function's timer triggers from it.
  'cloudfunctions/groupTask/config.json',
  'local',
  'emulator',
  'tsconfig.json',
  'tsconfig.node.json',
];

let copy: string;

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'customize-'));
  for (const entry of COPIED) {
    fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), {
      recursive: true,
      filter: (source) => !/miniprogram_npm|miniprogram_dist/.test(source),
    });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

/** Replaces `anchor` (which must be there once) in a file of the copy. */
function edit(file: string, anchor: string, replacement: string): void {
  const full = path.join(copy, file);
  const text = fs.readFileSync(full, 'utf8');
  expect([file, text.split(anchor).length - 1]).toEqual([file, 1]);
  fs.writeFileSync(full, text.replace(anchor, replacement));
}

/**
 * Every file parsed so far, by name, parse options and content, shared by the programs below as a language service
 * shares them: each program type-checks the whole copy again, but only an edited file is parsed again (the
 * TypeScript libraries and typings, most of what it reads, never change).
 */
const parsedFiles = new Map<string, ts.SourceFile>();

function parsingOnce(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreateNewSourceFile) => {
    const text = host.readFile(fileName);
    if (text === undefined || shouldCreateNewSourceFile) {
      return parse(fileName, languageVersion, onError, shouldCreateNewSourceFile);
    }
    const digest = crypto.createHash('sha256').update(text).digest('hex');
    const key = `${fileName}\0${JSON.stringify(languageVersion)}\0${digest}`;
    let file = parsedFiles.get(key);
    if (file === undefined) {
      file = parse(fileName, languageVersion, onError, shouldCreateNewSourceFile);
      if (file !== undefined) parsedFiles.set(key, file);
    }
    return file;
  };
  return host;
}

/** The files of the copy the compiler reports errors in, for the chat tool and for the cloud function. */
function filesWithErrors(): string[] {
  const files = new Set<string>();
  for (const config of ['tsconfig.json', 'tsconfig.node.json']) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(copy, config),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error(`cannot read ${config}`);
    const options = { ...parsed.options, noEmit: true };
    const program = ts.createProgram({ rootNames: parsed.fileNames, options, host: parsingOnce(options) });
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      if (diagnostic.file) files.add(path.relative(copy, diagnostic.file.fileName));
    }
  }
  return [...files].sort();
}

const missingMarkers = (fields: readonly string[]) =>
  fieldMarkers(copy, fields).flatMap((page) => (page.missing.length > 0 ? [page.file] : []));

test('add a field: declared in task-fields.ts, the compiler and the marker test name the other four files', () => {
  expect(filesWithErrors()).toEqual([]);
  edit(
    'packageChatTool/core/task-fields.ts',
    '/** Every field of a task its creator fills in',
    `const place: Field<string> = (value) =>
  typeof value === 'string' && countCharacters(value) <= 20 ? ok(value) : fail('INVALID_REQUEST', 'place: 20 characters');

/** Every field of a task its creator fills in`,
  );
  edit(
    'packageChatTool/core/task-fields.ts',
    '  deadline: optional(deadline),\n',
    "  deadline: optional(deadline),\n  place: optional(place, ''),\n",
  );
  edit('packageChatTool/core/task-fields.ts', '  deadline: false,\n', '  deadline: false,\n  place: true,\n');
  const fields = [...TASK_FIELD_NAMES, 'place'];

  expect(filesWithErrors()).toEqual(['packageChatTool/i18n/texts.ts', 'packageChatTool/pages/create/form.ts']);
  expect(missingMarkers(fields)).toEqual([
    'packageChatTool/pages/create/index.wxml',
    'packageChatTool/pages/task/index.wxml',
  ]);

  edit(
    'packageChatTool/i18n/texts.ts',
    "    deadline: text('截止时间', 'Deadline'),\n",
    "    deadline: text('截止时间', 'Deadline'),\n    place: text('地点', 'Place'),\n",
  );
  edit(
    'packageChatTool/pages/create/form.ts',
    '  deadlineTime: string;\n',
    '  deadlineTime: string;\n  place: string;\n',
  );
  edit('packageChatTool/pages/create/form.ts', "  deadlineTime: '',\n", "  deadlineTime: '',\n  place: '',\n");
  edit(
    'packageChatTool/pages/create/form.ts',
    '    deadline: deadlineOf(form.deadlineDate, form.deadlineTime),\n',
    '    deadline: deadlineOf(form.deadlineDate, form.deadlineTime),\n    place: form.place.trim(),\n',
  );
  edit(
    'packageChatTool/pages/create/index.wxml',
    '<view id="field-deadline"',
    '<view id="field-place" class="label spaced">{{t.fields.place}}</view>\n' +
      '<input class="field place-input" value="{{form.place}}" data-field="place" bind:input="onFieldInput" aria-role="textbox" aria-label="{{t.fields.place}}" />\n' +
      '<view id="field-deadline"',
  );
  edit(
    'packageChatTool/pages/task/index.wxml',
    '<view class="card" data-field="audience">',
    '<view wx:if="{{task.place}}" class="card muted" data-field="place">{{task.place}}</view>\n<view class="card" data-field="audience">',
  );

  expect(filesWithErrors()).toEqual([]);
  expect(missingMarkers(fields)).toEqual([]);
}, 180_000);

test('add an action: declared in task-actions.ts, the compiler names its handler; pages call it with no service code', () => {
  edit(
    'packageChatTool/core/task-actions.ts',
    '  renewCard: {',
    '  countParticipants: { request: { chatProof, taskId }, response: returns<number>() },\n  renewCard: {',
  );
  fs.writeFileSync(
    path.join(copy, 'packageChatTool/pages/task/count.ts'),
    "import { taskService } from '../../services/task-service';\n\n" +
      'export const countOf = async (taskId: string) => taskService().countParticipants({ taskId });\n',
  );

  expect(filesWithErrors()).toEqual(['cloudfunctions/groupTask/src/actions.ts']);

  edit(
    'cloudfunctions/groupTask/src/actions.ts',
    '    renewCard: asCaller(async (request, caller) => {',
    `    countParticipants: asCaller(async (request, caller) => {
      const found = await taskInRoom(request.taskId, caller.room);
      return found.ok ? ok(found.data.participants.length) : found;
    }),
    renewCard: asCaller(async (request, caller) => {`,
  );

  expect(filesWithErrors()).toEqual([]);
}, 180_000);
