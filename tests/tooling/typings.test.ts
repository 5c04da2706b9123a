// typings/chat-tool.d.ts, checked by tsc (this file is type-checked by `npm run check`) and at run time
// through the wx adapter that relies on it.
import { apiCategoryOf, createWeChat } from 'chat-tool-kit';
import { createWxMock } from '../harness/wx-mock';

test('getApiCategory values narrow to ApiCategory; unknown ones count as default', () => {
  const known: ApiCategory[] = ['default', 'nativeFunctionalized', 'browseOnly', 'embedded', 'chatTool'];
  for (const category of known) expect(apiCategoryOf(category)).toBe(category);
  expect(apiCategoryOf('somethingNew')).toBe('default');
});

test('a chat-tool card is declared with templateId only', async () => {
  const mock = createWxMock();
  await createWeChat(mock.wx as unknown as WechatMiniprogram.Wx).publishCard(
    {
      activityId: 'act_1',
      activityExpiresAt: 0,
      chooseType: 1,
      participant: ['gid-1'],
      templateId: '2A84254B945674A2F88CE4970782C402795EB607',
      title: 'Dinner',
      path: '/packageChatTool/pages/task/index?taskId=t1',
    },
    '/packageChatTool/assets/card.png',
  );
  expect(mock.api('updateShareMenu').mock.calls[0]![0]).toMatchObject({
    useForChatTool: true,
    templateInfo: { templateId: '2A84254B945674A2F88CE4970782C402795EB607' },
  });
  expect(mock.api('updateShareMenu').mock.calls[0]![0]).not.toHaveProperty('templateInfo.parameterList');
});

test('type-level: the decrypted payload and the chat-tool share option', () => {
  const group: ChatToolOpenData = { opengid: 'g', group_openid: 'u', chat_type: 3 };
  // @ts-expect-error chat_type is 1 | 2 | 3 | 4
  const wrong: ChatToolOpenData = { group_openid: 'u', chat_type: 5 };
  const option: WechatMiniprogram.ChatToolShareMenuOption = {
    useForChatTool: true,
    templateInfo: { templateId: '4A68CBB88A92B0A9311848DBA1E94A199B166463' },
  };
  // @ts-expect-error a chat-tool share option must say useForChatTool: true
  const notChatTool: WechatMiniprogram.ChatToolShareMenuOption = { templateInfo: { templateId: 'x' } };
  expect([group.chat_type, wrong.chat_type, option.useForChatTool, notChatTool.templateInfo.templateId]).toEqual([
    3,
    5,
    true,
    'x',
  ]);
});
