// WeChat's open data in the kit's words: the room by chat_type (opengid or open_single_roomid), the member id the
// group_openid (docs/platform.md, "getChatToolInfo").
import { chatOfOpenData } from '../../../kit/server/wechat-open-data';

describe("WeChat's open data", () => {
  it('names a group by opengid and a one-to-one chat by open_single_roomid, the member by group_openid', () => {
    expect(chatOfOpenData({ opengid: 'tG1', group_openid: 'gAlice', chat_type: 3 })).toEqual({
      ok: true,
      room: { id: 'tG1', chatType: 3 },
      memberId: 'gAlice',
    });
    expect(
      chatOfOpenData({ opengid: 'tGignored', open_single_roomid: 'sR1', group_openid: 'gBob', chat_type: 1 }),
    ).toEqual({ ok: true, room: { id: 'sR1', chatType: 1 }, memberId: 'gBob' });
    expect(chatOfOpenData({ open_single_roomid: 'sR2', group_openid: 'gBob', chat_type: 2 })).toMatchObject({
      room: { id: 'sR2', chatType: 2 },
    });
    expect(chatOfOpenData({ opengid: 'tG4', group_openid: 'gBob', chat_type: 4 })).toMatchObject({
      room: { id: 'tG4', chatType: 4 },
    });
  });

  it('names the chat without a member when the open data carry no group_openid (getGroupEnterInfo)', () => {
    expect(chatOfOpenData({ opengid: 'tG1', chat_type: 3 })).toEqual({
      ok: true,
      room: { id: 'tG1', chatType: 3 },
      memberId: null,
    });
    expect(chatOfOpenData({ opengid: 'tG1', group_openid: '', chat_type: 3 })).toMatchObject({ memberId: null });
  });

  it.each([
    ['an unknown chat_type', { opengid: 'tG1', group_openid: 'g', chat_type: 5 }],
    ['no chat_type', { opengid: 'tG1', group_openid: 'g' }],
    ['a group without opengid', { open_single_roomid: 'sR1', group_openid: 'g', chat_type: 3 }],
    ['a one-to-one chat without its roomid', { opengid: 'tG1', group_openid: 'g', chat_type: 1 }],
    ['an empty opengid', { opengid: '', group_openid: 'g', chat_type: 3 }],
  ])('refuses open data describing no chat: %s', (_, openData) => {
    expect(chatOfOpenData(openData)).toMatchObject({ ok: false, code: 'CHAT_PROOF_INVALID' });
  });
});
