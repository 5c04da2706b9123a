// A miniprogram-ci Project that compiles with no network: any non-empty private key is accepted, the
// project attributes WeChat would send are replaced by ci.DefaultProjectAttr, and the list of file types a
// package may hold is miniprogram-ci's own instead of one asked of WeChat. Otherwise it is the project
// `npm run upload` builds (same ignores).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { PROJECT_IGNORES } from '../release/wechat-ci';

interface WhiteExtLists {
  MiniProgramWhiteList: string[];
  GameWhiteList: string[];
  getWhiteExtList: () => Promise<{ MiniProgramWhiteList: Set<string>; GameWhiteList: Set<string> }>;
}

/**
 * Every compile asks https://servicewechat.com/wxa/ci/getwhiteextlist which file extensions a package may hold,
 * and packages by miniprogram-ci's built-in list when that request fails. Offline, the built-in list is the answer
 * from the start: the check sends nothing, and packages the same files wherever it runs (docs/foundation.md,
 * "Security"). Each compiler module calls the function through this module's exports, so replacing it there holds.
 */
function withBuiltInWhiteExtList(): void {
  const lists = createRequire(__filename)('miniprogram-ci/dist/utils/white_ext_list') as WhiteExtLists;
  lists.getWhiteExtList = async () => ({
    MiniProgramWhiteList: new Set(lists.MiniProgramWhiteList),
    GameWhiteList: new Set(lists.GameWhiteList),
  });
}

export function offlineProject(root: string): ci.Project {
  withBuiltInWhiteExtList();
  const config = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as { appid?: string };
  const project = new ci.Project({
    appid: config.appid ?? 'touristappid',
    type: 'miniProgram',
    projectPath: root,
    privateKey: 'offline',
    ignores: PROJECT_IGNORES,
  });
  Object.assign(project, { attr: async () => JSON.parse(JSON.stringify(ci.DefaultProjectAttr)) as unknown });
  return project;
}
