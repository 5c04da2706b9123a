// Each deployed cloud function ships a package-lock.json beside its package.json, and the tree it locks is the one
// the repository's own lock installs, which the tests run against: what is deployed is what was tested.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

interface LockEntry {
  version?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
interface LegacyEntry {
  version: string;
  dependencies?: Record<string, LegacyEntry>;
}
interface Lock {
  name: string;
  version: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
  dependencies?: Record<string, LegacyEntry>;
}
interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const rootLock = readJson<Lock>(path.join(root, 'package-lock.json'));

/** Where Node finds `name` from the package at `from`, in a lock's `packages`: the nearest node_modules upwards. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent < 0 ? '' : dir.slice(0, parent);
  }
}

/** The part of the repository's lock that `dependencies` pull in: path → version and integrity. */
function testedTree(dependencies: Record<string, string>): Record<string, Pick<LockEntry, 'version' | 'integrity'>> {
  const tree: Record<string, Pick<LockEntry, 'version' | 'integrity'>> = {};
  const visit = (at: string | undefined, needed: string) => {
    if (at === undefined) throw new Error(`the repository's lock does not install ${needed}`);
    if (tree[at]) return;
    const entry = rootLock.packages[at]!;
    tree[at] = { version: entry.version, integrity: entry.integrity };
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }))
      visit(resolveIn(rootLock.packages, at, name), `${name} (for ${at})`);
  };
  for (const name of Object.keys(dependencies)) visit(resolveIn(rootLock.packages, '', name), name);
  return tree;
}

const functionsDir = path.join(root, 'cloudfunctions');
const functions = fs
  .readdirSync(functionsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(functionsDir, entry.name, 'package.json')))
  .map((entry) => path.join(functionsDir, entry.name));

test('there is a function to check', () => {
  expect(functions.map((dir) => path.basename(dir))).toContain('groupTask');
});

describe.each(functions.map((dir) => [path.relative(root, dir), dir]))('%s', (_name, dir) => {
  const manifest = readJson<Manifest>(path.join(dir, 'package.json'));
  const lockFile = path.join(dir, 'package-lock.json');
  const lock = () => readJson<Lock>(lockFile);

  test('names exact versions, and locks exactly them (lockfile v2: npm 6 and later read it)', () => {
    for (const version of Object.values(manifest.dependencies ?? {})) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.existsSync(lockFile)).toBe(true);
    const { name, version, lockfileVersion, packages } = lock();
    expect({ name, version, lockfileVersion }).toEqual({
      name: manifest.name,
      version: manifest.version,
      lockfileVersion: 2,
    });
    expect(packages['']!.dependencies).toEqual(manifest.dependencies);
    for (const [dependency, version] of Object.entries(manifest.dependencies ?? {}))
      expect(packages[`node_modules/${dependency}`]!.version).toBe(version);
  });

  test("locks the very tree the repository's lock installs for the tests, path by path", () => {
    const locked = Object.fromEntries(
      Object.entries(lock().packages)
        .filter(([at]) => at !== '')
        .map(([at, { version, integrity }]) => [at, { version, integrity }]),
    );
    const tested = testedTree(manifest.dependencies ?? {});
    expect(locked).toEqual(tested);
    // And node_modules holds those versions now: the tests load them.
    for (const [at, { version }] of Object.entries(tested))
      expect([at, readJson<Manifest>(path.join(root, at, 'package.json')).version]).toEqual([at, version]);
  });

  test('the lock for npm 6 (its dependencies tree) says the same versions', () => {
    const { packages, dependencies } = lock();
    const walk = (tree: Record<string, LegacyEntry>, prefix: string): number =>
      Object.entries(tree).reduce((count, [name, entry]) => {
        const at = `${prefix}node_modules/${name}`;
        expect([at, entry.version]).toEqual([at, packages[at]?.version]);
        return count + 1 + walk(entry.dependencies ?? {}, `${at}/`);
      }, 0);
    expect(walk(dependencies ?? {}, '')).toBe(Object.keys(packages).length - 1);
  });

  test("the deploy uploads the lock: miniprogram-ci's function zip (remote npm install) carries it", () => {
    const { zipFile } = createRequire(__filename)('miniprogram-ci/dist/ci/cloud/utils') as {
      zipFile: (dir: string, options: { ignore?: string[] }) => { files: Record<string, unknown> };
    };
    // uploadFunction zips the folder so, leaving node_modules out when the cloud installs the dependencies.
    const files = Object.keys(zipFile(dir, { ignore: ['node_modules'] }).files);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
  });
});
