// Packs the mini program's npm dependencies (weui-miniprogram, chat-tool-kit) into each chat tool's own
// miniprogram_npm, as project.config.json's packNpmRelationList says: this project's (packageChatTool/) and each
// example project's under examples/ (e.g. examples/poll/packagePoll/, from the root package.json). An independent
// subpackage cannot use the main package's miniprogram_npm, so it gets its own copy; runs on `npm install`/`npm ci`
// so WeChat DevTools opens a fresh clone without a manual "build npm". Each chat tool's copy of chat-tool-kit then
// carries only the names that chat tool uses (scripts/build-kit.ts; `npm run check` proves none is missing).
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { KIT_PACKAGE, kitBundle, projects, usedKitNames } from './build-kit';

const root = path.resolve(__dirname, '..');

interface PackRelation {
  packageJsonPath: string;
  miniprogramNpmDistDir: string;
}

/** A project's packNpmRelationList, its paths made absolute (they are relative to the project's folder). */
function relations(project: string): PackRelation[] {
  const config = JSON.parse(fs.readFileSync(path.join(project, 'project.config.json'), 'utf8')) as {
    setting?: { packNpmRelationList?: PackRelation[] };
  };
  return (config.setting?.packNpmRelationList ?? []).map((relation) => ({
    packageJsonPath: path.resolve(project, relation.packageJsonPath),
    miniprogramNpmDistDir: path.resolve(project, relation.miniprogramNpmDistDir),
  }));
}

/** Replaces the kit packed into `dist` with one carrying only the names `project`'s chat tool uses. */
async function packProjectKit(project: string, dist: string): Promise<string> {
  const packed = path.join(dist, 'miniprogram_npm', KIT_PACKAGE, 'index.js');
  if (!fs.existsSync(packed)) return `no ${KIT_PACKAGE}`;
  const before = fs.statSync(packed).size;
  const names = usedKitNames([project]);
  const text = await kitBundle(names);
  fs.writeFileSync(packed, text);
  return `${KIT_PACKAGE} ${Buffer.byteLength(text)} bytes (${names.length} names; ${before} with every chat tool's)`;
}

async function main(): Promise<void> {
  for (const project of projects()) {
    for (const relation of relations(project)) {
      const result = await ci.packNpmManually(relation);
      const into = path.relative(root, path.join(relation.miniprogramNpmDistDir, 'miniprogram_npm'));
      const kit = await packProjectKit(project, relation.miniprogramNpmDistDir);
      console.log(`packed npm into ${into}: ${result.miniProgramPackNum} package(s); ${kit}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error('pack-npm failed:', error);
  process.exit(1);
});
