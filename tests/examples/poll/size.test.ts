// docs/customize.md states the poll's size; this keeps the figures true as the poll changes.
import fs from 'node:fs';
import path from 'node:path';
import { measure } from '../../../scripts/measure-tool';

const DOC = fs.readFileSync(path.resolve(__dirname, '../../../docs/customize.md'), 'utf8');
const SECTION = DOC.slice(DOC.indexOf('## A second tool on the kit: the group poll'));

const number = (text: string): number => Number(text.replace(/,/g, ''));

test("the poll's size table adds up and matches what git tracks in examples/poll", () => {
  const rows = [...SECTION.matchAll(/^\| [^|*]+ \| (\d+) \| ([\d,]+) \|$/gm)].map(([, files, lines]) => ({
    files: number(files!),
    lines: number(lines!),
  }));
  const total = /^\| \*\*total\*\* \| \*\*(\d+)\*\* \| \*\*([\d,]+)\*\* \|$/m.exec(SECTION);
  expect(rows.length).toBeGreaterThan(1);
  expect(total).not.toBeNull();
  const stated = { files: number(total![1]!), lines: number(total![2]!) };
  expect(rows.reduce((sum, row) => ({ files: sum.files + row.files, lines: sum.lines + row.lines }))).toEqual(stated);
  const poll = measure('examples/poll');
  expect({ files: poll.files, lines: poll.lines }).toEqual(stated);
});

test("the poll's tests are as many files and lines as the doc says", () => {
  const stated = /Its tests are (\d+) more files and ([\d,]+) lines/.exec(SECTION);
  expect(stated).not.toBeNull();
  const parts = [measure('tests/examples/poll'), measure('tests/e2e/poll.test.ts')];
  expect({
    files: parts.reduce((sum, part) => sum + part.files, 0),
    lines: parts.reduce((sum, part) => sum + part.lines, 0),
  }).toEqual({ files: number(stated![1]!), lines: number(stated![2]!) });
});
