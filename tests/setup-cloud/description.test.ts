// cloudfunctions/functions.ts is what deploy:functions uploads and setup:cloud provisions: a function folder it
// leaves out would be neither deployed nor set up, a collection its rules file closes but it leaves out would keep
// the console's permission. A collection is ruled in one file only, whichever functions keep it.
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

/** Each function folder's database.rules.json, by the function's name ({} without one). */
const rulesOf = (name: string): Record<string, unknown> => {
  const rulesFile = path.join(base, name, 'database.rules.json');
  return fs.existsSync(rulesFile) ? (JSON.parse(fs.readFileSync(rulesFile, 'utf8')) as Record<string, unknown>) : {};
};

test.each(CLOUD_FUNCTIONS.map((fn) => [fn.name, fn] as const))(
  '%s: its rules file names only collections it keeps; each collection it keeps has its rule in one, and its indexes',
  (name, fn) => {
    const kept = fn.collections.map((collection) => collection.name);
    expect(kept).toEqual(expect.arrayContaining(Object.keys(rulesOf(name))));
    // A store shared with another function (wecomTask keeps groupTask's) takes its rules from that function's file.
    for (const collection of fn.collections) {
      const owners = folders.filter((folder) => Object.hasOwn(rulesOf(folder), collection.name));
      expect(owners).toHaveLength(1);
      expect(collection.rules).toEqual(rulesOf(owners[0]!)[collection.name]);
      const names = collection.indexes.map((index) => index.name);
      expect(new Set(names).size).toBe(names.length);
      for (const index of collection.indexes) expect(index.name).toMatch(/^\w+$/);
    }
  },
);
