// A miniprogram-ci Project that compiles with no network: any non-empty private key is accepted, and
// the project attributes WeChat would send are replaced by ci.DefaultProjectAttr. Otherwise it is the
// project `npm run upload` builds (same ignores).
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { PROJECT_IGNORES } from '../release/wechat-ci';

export function offlineProject(root: string): ci.Project {
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
