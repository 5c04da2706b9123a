// cloudfunctions/functions.ts is what deploy:functions uploads and setup:cloud provisions: a function folder it
// leaves out would be neither deployed nor set up, a collection its rules file closes but it leaves out would keep
// the console's permission.
import fs from 'node:fs';
import path from 'node:path';
import { CLOUD_FUNCTIONS } from '../../cloudfunctions/functions';

const base = path.resolve(__dirname, '../../cloudfunctions');
const folders = fs
  .readdirSync(base, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(base, entry.name, 'package.json')))
  .map((entry) => entry.name);

test('every function folder is described, and every described function has its folder', () => {
  expect(CLOUD_FUNCTIONS.map((fn) => fn.name).sort()).toEqual([...folders].sort());
});

test.each(CLOUD_FUNCTIONS.map((fn) => [fn.name, fn] as const))(
  '%s: its collections are those its database.rules.json names, each with its indexes',
  (name, fn) => {
    const rulesFile = path.join(base, name, 'database.rules.json');
    const rules = fs.existsSync(rulesFile) ? (JSON.parse(fs.readFileSync(rulesFile, 'utf8')) as object) : {};
    expect(fn.collections.map((collection) => collection.name).sort()).toEqual(Object.keys(rules).sort());
    for (const collection of fn.collections) {
      const names = collection.indexes.map((index) => index.name);
      expect(new Set(names).size).toBe(names.length);
      for (const index of collection.indexes) expect(index.name).toMatch(/^\w+$/);
    }
  },
);
