// The emulator enforces the documented platform rules (chat-tool-api.md §1–§6).
import type { SetChatToolMsgBody } from '../../packageChatTool/core/card';
import { CARD_TEMPLATE } from '../../packageChatTool/core/types';
import { PlatformError } from '../../cloudfunctions/groupTask/src/ports';
import { createWeChatEmulator, ERRCODE_INVALID } from '../../emulator/wechat';

const HOUR = 3_600_000;

async function setup() {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const wechat = createWeChatEmulator(() => clock.now);
  const room = wechat.createRoom({ name: 'Chat' });
  const [publisher, alice, bob] = ['P', 'A', 'B'].map((nickname) => wechat.addMember(room.id, { nickname }));
  const activity = await wechat.platform.createActivityId();
  const card = wechat.shareCard(publisher!, {
    activityId: activity.activityId,
    activityExpiresAt: activity.expiresAt,
    templateId: CARD_TEMPLATE.participate,
    chooseType: 1,
    participant: [alice!.groupOpenid],
    title: '爬山',
    path: '/packageChatTool/pages/entry/index?taskId=t',
  });
  const body = (extra: Partial<SetChatToolMsgBody> = {}): SetChatToolMsgBody => ({
    activity_id: activity.activityId,
    target_state: 1,
    template_id: CARD_TEMPLATE.participate,
    version_type: 0,
    participator_info_list: [{ group_openid: alice!.groupOpenid, state: 1 }],
    ...extra,
  });
  return { clock, wechat, room, publisher: publisher!, alice: alice!, bob: bob!, activity, card, body };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return `${error.errcode} ${error.errmsg}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('setChatToolMsg rules', () => {
  it('marks members, posts the system message, and shows each viewer the template text', async () => {
    const { wechat, body, activity, publisher, alice, bob, room } = await setup();
    expect(wechat.cardText(activity.activityId, alice)).toBe('未参与');
    await wechat.platform.setChatToolMsg(body());
    expect(wechat.cardText(activity.activityId, alice)).toBe('已参与');
    expect(wechat.cardText(activity.activityId, publisher)).toBe('1人已参与');
    expect(wechat.cardText(activity.activityId, bob)).toBe('你无需参与');
    expect(wechat.systemMessages(room.id).map((m) => m.text)).toEqual(['A 已参与 P 发布的 爬山']);
    await wechat.platform.setChatToolMsg(body({ target_state: 3, participator_info_list: undefined }));
    expect(wechat.cardText(activity.activityId, alice)).toBe('已结束');
    expect(wechat.systemMessages(room.id).at(-1)?.text).toBe('P 发布的 爬山 已结束');
  });

  it('refuses what the documentation rules out', async () => {
    const { wechat, body, bob } = await setup();
    const other = wechat.createRoom();
    const stranger = wechat.addMember(other.id);
    const cases: [Partial<SetChatToolMsgBody> | Record<string, unknown>, RegExp][] = [
      [{ activity_id: 'nope' }, /invalid activity_id/],
      [{ template_id: '21B034D08C5615B9889CE362BB957B1EE69A584B' }, /template_id/],
      [{ template_id: CARD_TEMPLATE.complete }, /differs from the shared card/],
      [{ target_state: 4 }, /target_state/],
      [{ version_type: 3 }, /version_type/],
      [{ participator_info_list: undefined }, /required when target_state is 1/],
      [{ participator_info_list: [] }, /required when target_state is 1/],
      [{ participator_info_list: [{ group_openid: bob.groupOpenid, state: 0 }] }, /only be set to 1/],
      [{ participator_info_list: [{ group_openid: stranger.groupOpenid, state: 1 }] }, /not in the card's chat/],
      [{ target_state: 3 }, /only taken with target_state 1/],
      [{ target_state: 2 }, /only taken with target_state 1/],
    ];
    for (const [change, message] of cases) {
      const refused = await refusal(wechat.platform.setChatToolMsg({ ...body(), ...change } as SetChatToolMsgBody));
      expect(refused).toMatch(new RegExp(`^${ERRCODE_INVALID} `));
      expect(refused).toMatch(message);
    }
    expect(wechat.calls('setChatToolMsg').every((call) => call.outcome === 'failed')).toBe(true);
  });

  it('keeps target_state 3 final and refuses an expired activity_id', async () => {
    const { wechat, body } = await setup();
    await wechat.platform.setChatToolMsg(body({ target_state: 3, participator_info_list: undefined }));
    expect(await refusal(wechat.platform.setChatToolMsg(body()))).toMatch(/final/);
    const fresh = await setup();
    fresh.clock.now += 24 * HOUR;
    expect(await refusal(fresh.wechat.platform.setChatToolMsg(fresh.body()))).toMatch(/expired/);
  });

  it('refuses updates to a card that was never shared', async () => {
    const { wechat } = await setup();
    const unshared = await wechat.platform.createActivityId();
    expect(
      await refusal(
        wechat.platform.setChatToolMsg({
          activity_id: unshared.activityId,
          target_state: 2,
          template_id: CARD_TEMPLATE.participate,
          version_type: 0,
        }),
      ),
    ).toMatch(/not been shared/);
  });
});

describe('cloudIDs', () => {
  it('resolve for their own user for 5 minutes, to the room and group_openid', async () => {
    const { wechat, alice, bob, room, clock } = await setup();
    const cloudID = wechat.issueCloudId(alice);
    expect(await wechat.platform.resolveOpenData(cloudID, alice.openid)).toEqual({
      ok: true,
      data: { opengid: room.id, group_openid: alice.groupOpenid, chat_type: 3 },
    });
    expect(await wechat.platform.resolveOpenData(cloudID, bob.openid)).toMatchObject({ code: 'CLOUD_ID_FOREIGN' });
    expect(await wechat.platform.resolveOpenData('forged', alice.openid)).toMatchObject({ code: 'CLOUD_ID_INVALID' });
    clock.now += 5 * 60_000;
    expect(await wechat.platform.resolveOpenData(cloudID, alice.openid)).toMatchObject({ code: 'CLOUD_ID_EXPIRED' });
  });

  it('carry open_single_roomid in one-to-one chats, which hold two members', () => {
    const wechat = createWeChatEmulator();
    const single = wechat.createRoom({ chatType: 1 });
    const me = wechat.addMember(single.id);
    wechat.addMember(single.id);
    expect(() => wechat.addMember(single.id)).toThrow(/two members/);
    return expect(wechat.platform.resolveOpenData(wechat.issueCloudId(me), me.openid)).resolves.toMatchObject({
      ok: true,
      data: { open_single_roomid: single.id, chat_type: 1 },
    });
  });

  it('are only issued to members of the room', async () => {
    const { wechat, room } = await setup();
    expect(() => wechat.issueCloudId({ openid: 'someone', roomId: room.id })).toThrow(/not a member/);
  });
});

describe('sharing and reminding', () => {
  it('checks the share like updateShareMenu and shareAppMessageToGroup', async () => {
    const { wechat, publisher, activity, card } = await setup();
    const share = {
      activityId: activity.activityId,
      activityExpiresAt: activity.expiresAt,
      templateId: CARD_TEMPLATE.participate,
      chooseType: 2 as const,
      participant: [],
      title: '爬山',
      path: '/p',
    };
    expect(wechat.shareCard(publisher, share)).toBe(card);
    expect(() => wechat.shareCard(publisher, { ...share, activityId: 'unknown' })).toThrow(/unknown activityId/);
    expect(() => wechat.shareCard(publisher, { ...share, path: 'p' })).toThrow(/start with/);
    const second = await wechat.platform.createActivityId();
    expect(() =>
      wechat.shareCard(publisher, { ...share, activityId: second.activityId, chooseType: 1, participant: ['x'] }),
    ).toThrow(/not in this chat/);
    expect(() =>
      wechat.shareCard(publisher, { ...share, activityId: second.activityId, templateId: 'x' as never }),
    ).toThrow(/template/);
  });

  it('applies the notifyGroupMembers title rule and room membership', async () => {
    const { wechat, publisher, alice } = await setup();
    expect(wechat.remind(publisher, { title: '爬山', members: [alice.groupOpenid], type: 'complete' }).text).toBe(
      '@A 请完成：爬山',
    );
    expect(() => wechat.remind(publisher, { title: '爬 山', members: [alice.groupOpenid], type: 'complete' })).toThrow(
      /TITLE_CHARACTERS/,
    );
    expect(() => wechat.remind(publisher, { title: '爬山', members: ['x'], type: 'complete' })).toThrow(
      /not in this chat/,
    );
  });
});

describe('faults and the call log', () => {
  it('fails the next calls on demand and records them', async () => {
    const { wechat, body } = await setup();
    wechat.setFault('setChatToolMsg', { mode: 'fail', errcode: 45009, times: 1 });
    expect(await refusal(wechat.platform.setChatToolMsg(body()))).toMatch(/^45009 /);
    await wechat.platform.setChatToolMsg(body());
    expect(wechat.calls('setChatToolMsg').map((c) => c.outcome)).toEqual(['failed', 'ok']);
  });

  it('stalls until released, then answers', async () => {
    const { wechat, body, activity, alice } = await setup();
    let changes = 0;
    const stop = wechat.onChange(() => (changes += 1));
    wechat.setFault('setChatToolMsg', { mode: 'stall' });
    let settled = false;
    const pending = wechat.platform.setChatToolMsg(body()).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    expect(wechat.calls('setChatToolMsg').at(-1)?.outcome).toBe('stalled');
    wechat.releaseStalled();
    await pending;
    expect(wechat.cardText(activity.activityId, alice)).toBe('已参与');
    expect(changes).toBeGreaterThan(0);
    stop();
  });
});
