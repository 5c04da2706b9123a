// The poll is held to the chat tool's own checks: `npm run check` type-checks its pages and its cloud function,
// and its subpackage passes the chat-tool rules, Skyline's rules and the WXML compile.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { checkChatToolRules } from '../../../scripts/checks/chat-tool-rules';
import { skylineFindings } from '../../../scripts/checks/skyline';
import { OPTIONAL_TSCONFIGS } from '../../../scripts/checks/types';
import { checkWxml, compileWxml } from '../../../scripts/checks/wxml';

const REPOSITORY = path.resolve(__dirname, '../../..');
const POLL_ROOT = path.join(REPOSITORY, 'examples/poll');

/** The files a tsconfig of the repository type-checks, relative to the repository. */
function checkedFiles(config: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(REPOSITORY, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  return (parsed?.fileNames ?? []).map((file) => path.relative(REPOSITORY, file).split(path.sep).join('/'));
}

test('npm run check type-checks the poll: its pages with WeChat typings, its function with Node', () => {
  const app = 'examples/poll/tsconfig.json';
  const fn = 'examples/poll/cloudfunctions/groupPoll/tsconfig.json';
  expect(OPTIONAL_TSCONFIGS).toEqual(expect.arrayContaining([app, fn]));
  expect(checkedFiles(app)).toEqual(
    expect.arrayContaining([
      'examples/poll/app.ts',
      'examples/poll/pages/index/index.ts',
      'examples/poll/packagePoll/entry.ts',
      'examples/poll/packagePoll/pages/poll/index.ts',
    ]),
  );
  expect(checkedFiles(app).some((file) => file.includes('miniprogram_npm'))).toBe(false);
  expect(checkedFiles(fn)).toEqual(
    expect.arrayContaining([
      'examples/poll/cloudfunctions/groupPoll/src/main.ts',
      'examples/poll/cloudfunctions/groupPoll/src/local.ts',
    ]),
  );
});

test('the poll subpackage passes the chat-tool rules, Skyline and the WXML compile', () => {
  expect(checkChatToolRules(POLL_ROOT).problems).toEqual([]);
  expect(skylineFindings(POLL_ROOT).map((finding) => `${finding.file}:${finding.line} ${finding.rule.id}`)).toEqual([]);
  expect(checkWxml(POLL_ROOT).problems).toEqual([]);
  // The check walks the subpackages (and a main package under miniprogram/); the poll's main page is at pages/.
  const mainPage = 'pages/index/index.wxml';
  expect(compileWxml(mainPage, fs.readFileSync(path.join(POLL_ROOT, mainPage), 'utf8'))).toEqual([]);
});
