import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { linesOf, measure } from '../../scripts/measure-tool';

test('lines are counted as an editor shows them', () => {
  expect(linesOf('')).toBe(0);
  expect(linesOf('a')).toBe(1);
  expect(linesOf('a\n')).toBe(1);
  expect(linesOf('a\nb\n')).toBe(2);
  expect(linesOf('a\n\nb')).toBe(3);
});

test('a folder counts the files git tracks in it, by type, pictures as files only', () => {
  const kit = measure('packageChatTool/assets');
  expect(kit.files).toBe(1);
  expect(kit.lines).toBe(0);
  expect(kit.byType['.png']).toEqual({ files: 1, lines: 0 });
  // The chat tool's core, read through git here too: the same files, the same lines, whatever the folder holds today.
  const tracked = execFileSync('git', ['ls-files', 'packageChatTool/core'], { encoding: 'utf8' }).split('\n');
  const core = tracked.filter((file) => file.endsWith('.ts'));
  expect(core.length).toBeGreaterThan(1);
  const lines = core.reduce((sum, file) => sum + linesOf(fs.readFileSync(file, 'utf8')), 0);
  expect(measure('packageChatTool/core')).toMatchObject({
    files: core.length,
    lines,
    byType: { '.ts': { files: core.length, lines } },
  });
});

test('generated files are not counted: packed npm is not tracked', () => {
  expect(measure('packageChatTool/miniprogram_npm').files).toBe(0);
});
