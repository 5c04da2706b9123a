// Packs the mini program's npm dependencies (weui-miniprogram, chat-tool-kit) into each chat tool's own
// miniprogram_npm, as project.config.json's packNpmRelationList says: this project's (packageChatTool/) and each
// example project's under examples/ (e.g. examples/poll/packagePoll/, from the root package.json). An independent
// subpackage cannot use the main package's miniprogram_npm, so it gets its own copy; runs on `npm install`/`npm ci`
// so WeChat DevTools opens a fresh clone without a manual "build npm".
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { projects } from './build-kit';

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

async function main(): Promise<void> {
  for (const relation of projects().flatMap(relations)) {
    const result = await ci.packNpmManually(relation);
    const into = path.relative(root, path.join(relation.miniprogramNpmDistDir, 'miniprogram_npm'));
    console.log(`packed npm into ${into}: ${result.miniProgramPackNum} package(s)`);
  }
}

main().catch((error: unknown) => {
  console.error('pack-npm failed:', error);
  process.exit(1);
});
