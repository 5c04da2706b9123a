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
  const texts = measure('packageChatTool/i18n');
  expect(texts.files).toBe(2);
  expect(texts.lines).toBeGreaterThan(200);
  expect(Object.keys(texts.byType)).toEqual(['.ts']);
});

test('generated files are not counted: packed npm is not tracked', () => {
  expect(measure('packageChatTool/miniprogram_npm').files).toBe(0);
});
