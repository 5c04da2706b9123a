// The domain check keeps each chat tool's core/ free of any one platform's words, ids, globals and imports.
import { checkDomain } from '../../scripts/checks/domain';
import { fixtureProjects } from './fixture-project';

const project = fixtureProjects();

const messages = (root: string) => checkDomain(root).problems.map((p) => `${p.file}:${p.line} ${p.message}`);

describe('platform-neutral domain', () => {
  test('a domain in its own words, importing its folder and the kit, passes', () => {
    const root = project({
      'packageChatTool/core/task.ts': [
        "import type { Member } from 'chat-tool-kit';",
        "import { chatProof } from 'chat-tool-kit';",
        "import { titleOf } from './title';",
        '/** The member picker returns member ids; the server verifies the chat proof. */',
        'export const creatorOf = (member: Member): string => member.userId + titleOf(chatProof.name);',
        '',
      ].join('\n'),
      'packageChatTool/core/title.ts': 'export const titleOf = (text: string): string => text.trim();\n',
    });
    expect(checkDomain(root).info).toEqual(['2 files in packageChatTool/core']);
    expect(messages(root)).toEqual([]);
  });

  test("each platform's name, id, client global and a foreign import is reported with its line", () => {
    const root = project({
      'packageChatTool/core/task.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { shout } from '../util/format';",
        "import type { Greeting } from '../../miniprogram/shared';",
        '// 企业微信 and Feishu chats',
        'export const who = (task: { openid: string }) => task.openid;',
        "export const card = 'activity_id';",
        'export const info = () => wx.getChatToolInfo;',
        'export const chat = () => tt .enterChat;',
        'export const fine = (text: string) => shout(text) + readFileSync.name;',
        '',
      ].join('\n'),
    });
    expect(messages(root)).toEqual([
      'packageChatTool/core/task.ts:4 names a platform ("企业微信"); write "the platform" or "the chat"',
      'packageChatTool/core/task.ts:5 names a platform ("openid"); write user id, member id, room id, chat proof or card id',
      'packageChatTool/core/task.ts:6 names a platform ("activity_id"); write user id, member id, room id, chat proof or card id',
      'packageChatTool/core/task.ts:7 names a platform ("wx."); write a port the adapter fills in',
      'packageChatTool/core/task.ts:8 names a platform ("tt ."); write a port the adapter fills in',
      'packageChatTool/core/task.ts:1 imports "node:fs"; the domain imports only its own folder and chat-tool-kit',
      'packageChatTool/core/task.ts:2 imports "../util/format"; the domain imports only its own folder and chat-tool-kit',
    ]);
  });

  test('a project whose chat tool has no core/ has nothing to check', () => {
    expect(checkDomain(project()).info).toEqual(['0 files in no chat tool']);
  });
});
