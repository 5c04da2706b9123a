// The imports check keeps the platform's twins (emulator/, simulator/) from loading app code at run time.
import { checkImports } from '../../scripts/checks/imports';
import { fixtureProjects } from './fixture-project';

const project = fixtureProjects();

const messages = (root: string) => checkImports(root).problems.map((p) => `${p.file}:${p.line} ${p.message}`);

describe('emulator imports', () => {
  test('a project without emulator/ or simulator/ passes', () => {
    expect(checkImports(project())).toMatchObject({ problems: [], info: ['0 files'] });
  });

  test('type-only imports, packages, the twins’ own files and a computed require pass', () => {
    const root = project({
      'emulator/wechat.ts': [
        "import type { Task } from '../packageChatTool/core/types';",
        "import { type CardShare, type Reminder } from '../packageChatTool/core/api';",
        "export type * from '../cloudfunctions/groupTask/src/ports';",
        "import type { Member } from 'chat-tool-kit';",
        "import type { ChatPlatform } from '../kit/server/ports';",
        "import { randomBytes } from 'node:crypto';",
        "import { ERRCODE } from './rules';",
        '',
      ].join('\n'),
      'emulator/rules.ts': 'export const ERRCODE = {};\n',
      'simulator/server/backend.ts': [
        "import path from 'node:path';",
        "const code = require(path.join(__dirname, '../../cloudfunctions/groupTask/src/actions'));",
        '',
      ].join('\n'),
    });
    expect(messages(root)).toEqual([]);
  });

  test('every run-time reach into packageChatTool/, cloudfunctions/ or kit/ is reported with file and line', () => {
    const root = project({
      'emulator/wechat.ts': [
        '// The emulator judging the app by its own rule:',
        "import { titleProblem } from '../packageChatTool/core/title';",
        "import { type Reminder, CARD_TEMPLATE } from '../packageChatTool/core/types';",
        "export { PlatformError } from '../cloudfunctions/groupTask/src/ports';",
        "const sdk = require('../cloudfunctions/groupTask/src/sdk');",
        "void import('../packageChatTool');",
        "import { platformOf } from '../kit/server/sdk';",
        "import { cloudId } from 'chat-tool-kit';",
        '',
      ].join('\n'),
      'simulator/runtime/wx.ts': "import * as title from '../../packageChatTool/core/title';\n",
    });
    expect(messages(root)).toEqual([
      'emulator/wechat.ts:2 imports packageChatTool/ at run time ("../packageChatTool/core/title"); only `import type` may reach app code',
      'emulator/wechat.ts:3 imports packageChatTool/ at run time ("../packageChatTool/core/types"); only `import type` may reach app code',
      'emulator/wechat.ts:4 imports cloudfunctions/ at run time ("../cloudfunctions/groupTask/src/ports"); only `import type` may reach app code',
      'emulator/wechat.ts:5 imports cloudfunctions/ at run time ("../cloudfunctions/groupTask/src/sdk"); only `import type` may reach app code',
      'emulator/wechat.ts:6 imports packageChatTool/ at run time ("../packageChatTool"); only `import type` may reach app code',
      'emulator/wechat.ts:7 imports kit/ at run time ("../kit/server/sdk"); only `import type` may reach app code',
      'emulator/wechat.ts:8 imports kit/ at run time ("chat-tool-kit"); only `import type` may reach app code',
      'simulator/runtime/wx.ts:1 imports packageChatTool/ at run time ("../../packageChatTool/core/title"); only `import type` may reach app code',
    ]);
  });

  test('this repository keeps them apart', () => {
    expect(checkImports(`${__dirname}/../..`).problems).toEqual([]);
  });
});
