// The citations check: nothing in the repository cites a document a cloner does not have, and cited sections
// exist. Fed a small tree with one offender of each kind; the repository itself must pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { anchorsOf, checkCitations, headingAnchor, repositoryFiles } from '../../scripts/checks/citations';
import type { CheckResult } from '../../scripts/checks/result';

const platform = [
  '# Platform',
  '## setChatToolMsg',
  '## Card templates and subtitles',
  '## app.json',
  '## `group_openid`',
  '## Readings',
  '### Readings',
  '',
].join('\n');

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'citations-'));
  for (const [file, text] of Object.entries({ 'docs/platform.md': platform, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

// The offenders' notes beside the repository, spelled in pieces so this file itself cites none of them.
const BESIDE = ['..', 'shared'].join('/');
const SEED_FILE = ['seeds', '004_0123456789abcdef.txt'].join('/');
const SEED_NUMBER = ['seed', '004'].join(' ');

const messages = (check: CheckResult) => check.problems.map((p) => `${p.file}:${p.line} ${p.message}`);

describe('headings and their anchors', () => {
  test('GitHub-style: lower case, punctuation dropped, spaces as hyphens, code marks removed', () => {
    expect(headingAnchor('setChatToolMsg')).toBe('setchattoolmsg');
    expect(headingAnchor('app.json')).toBe('appjson');
    expect(headingAnchor('`group_openid`')).toBe('group_openid');
    expect(headingAnchor('cloudID and getOpenData')).toBe('cloudid-and-getopendata');
    expect(headingAnchor('What a phone refuses that a browser allows')).toBe(
      'what-a-phone-refuses-that-a-browser-allows',
    );
    expect(headingAnchor('[Linked](https://example.com) 卡片')).toBe('linked-卡片');
  });

  test('a repeated heading gets -1; headings in code blocks do not count', () => {
    expect([...anchorsOf(`${platform}\`\`\`\n# not a heading\n\`\`\`\n`)]).toEqual([
      'platform',
      'setchattoolmsg',
      'card-templates-and-subtitles',
      'appjson',
      'group_openid',
      'readings',
      'readings-1',
    ]);
  });
});

describe('citations that hold', () => {
  test('sections cited by anchor or by name, links inside the repository, documents the repository has', () => {
    const root = tree({
      'core/card.ts': [
        '// The card follows the task (docs/platform.md#setchattoolmsg).',
        '/** Subtitles per viewer (docs/platform.md, "Card templates"). */',
        "export const note = 'a string may name anything, even notes.md';",
        '',
      ].join('\n'),
      'docs/backend.md': [
        '# Backend',
        'Rules: [platform](platform.md#appjson), [ids](./platform.md#group_openid), [top](#backend),',
        'the [readme](../README.md) and the [docs folder](../docs/).',
        'Another project documents it in SKILL.md (https://github.com/wechat-miniprogram/skyline-skills).',
        '',
      ].join('\n'),
      'README.md': '# Readme\nSee docs/platform.md, "Readings".\n',
      'pages/a.wxml': '<!-- layout per docs/platform.md#card-templates-and-subtitles -->\n<view />\n',
      'pages/a.wxss': '/* see README.md */\n.a { color: red; }\n',
    });
    expect(messages(checkCitations(root))).toEqual([]);
  });
});

describe('each offender, with its file and line', () => {
  test.each([
    [
      'a document name no file has, in a code comment',
      { 'core/title.ts': 'export const max = 30;\n// Chinese counts 2 (vendor-api.md §6.4).\n' },
      'core/title.ts:2 cites vendor-api.md, which is not in the repository; cite docs/platform.md (or link the document)',
    ],
    [
      'a path into the notes beside the repository',
      { 'core/x.ts': `/**\n * From ${BESIDE}/docs/doubts.md §1.\n */\nexport const x = 1;\n` },
      `core/x.ts:2 cites "${BESIDE}/docs/doubts.md", part of notes beside the repository that a cloner does not have; cite docs/platform.md instead`,
    ],
    [
      'a seed file',
      { 'launcher.ts': `export const y = 2; // getGroupEnterInfo: ${SEED_FILE}\n` },
      `launcher.ts:1 cites "${SEED_FILE}", part of notes beside the repository that a cloner does not have; cite docs/platform.md instead`,
    ],
    [
      'a seed by number',
      { 'launcher.ts': `// wx.getGroupEnterInfo is in ${SEED_NUMBER}.\nexport const y = 2;\n` },
      `launcher.ts:1 cites "${SEED_NUMBER}", part of notes beside the repository that a cloner does not have; cite docs/platform.md instead`,
    ],
    [
      'a document name in Markdown prose',
      { 'docs/pages.md': '# Pages\n\nWeCom is out of scope (team-notes.md).\n' },
      'docs/pages.md:3 cites team-notes.md, which is not in the repository; cite docs/platform.md (or link the document)',
    ],
    [
      'a Markdown link that leaves the repository',
      { 'docs/pages.md': '# Pages\n[the notes](../../notes/)\n' },
      'docs/pages.md:2 links to ../../notes/, outside the repository',
    ],
    [
      'a Markdown link to a file the repository lacks',
      { 'docs/pages.md': '# Pages\n[ci](../.ci/run)\n' },
      'docs/pages.md:2 links to ../.ci/run, which is not in the repository',
    ],
    [
      'a Markdown link to a missing section',
      { 'docs/pages.md': '# Pages\n\n[rules](platform.md#title-rule)\n' },
      'docs/pages.md:3 links to platform.md#title-rule, but docs/platform.md has no section with that anchor',
    ],
    [
      'a comment citing a missing anchor',
      { 'core/card.ts': '// Final state (docs/platform.md#final-state).\nexport const z = 3;\n' },
      'core/card.ts:1 cites docs/platform.md#final-state, but docs/platform.md has no section with that anchor',
    ],
    [
      'a comment citing a section by a name no heading has',
      { 'core/card.ts': 'export const z = 3;\n\n/** Limits (docs/platform.md, "Rate limits"). */\n' },
      'core/card.ts:3 cites docs/platform.md, "Rate limits", but docs/platform.md has no section of that name',
    ],
    [
      'a WXML comment',
      { 'pages/a.wxml': '<view>\n  <!-- subtitle table: vendor-api.md -->\n</view>\n' },
      'pages/a.wxml:2 cites vendor-api.md, which is not in the repository; cite docs/platform.md (or link the document)',
    ],
    [
      'a WXSS comment',
      { 'pages/a.wxss': '.a {\n  /* Skyline ignores pre-wrap (old-notes.md) */\n}\n' },
      'pages/a.wxss:2 cites old-notes.md, which is not in the repository; cite docs/platform.md (or link the document)',
    ],
  ])('%s', (_kind, files, expected) => {
    expect(messages(checkCitations(tree(files)))).toEqual([expected]);
  });
});

describe('the repository', () => {
  const root = path.resolve(__dirname, '../..');

  test('lists the files git tracks or would track, and nothing it ignores', () => {
    const files = repositoryFiles(root);
    expect(files).toEqual(expect.arrayContaining(['docs/platform.md', 'scripts/checks/citations.ts']));
    expect(files.some((file) => file.startsWith('node_modules/'))).toBe(false);
  });

  test('cites nothing outside itself, and every section it cites exists', () => {
    expect(messages(checkCitations(root))).toEqual([]);
  });
});
