// The emulator enforces WeChat's documented rules (docs/platform.md) and serves them the way wx-server-sdk does
// inside a cloud function. Tested only through that surface and the client-side calls, never through app code.
import { READING_PROFILES, type Readings } from '../../emulator/readings';
import { CHAT_TOOL_TEMPLATES, ERRCODE } from '../../emulator/rules';
import type { ChatToolMsgBody, EmulatedMember, WeChatEmulatorOptions } from '../../emulator/types';
import { createWeChatEmulator } from '../../emulator/wechat';

const HOUR = 3_600_000;
const ALL_PERMISSIONS = ['updatableMessage.createActivityId', 'chattoolmsg.send', 'security.msgSecCheck'];

async function setup(options: Omit<WeChatEmulatorOptions, 'now'> & { permissions?: string[] } = {}) {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const wechat = createWeChatEmulator({ ...options, now: () => clock.now });
  const fn = wechat.cloudFunction({ permissions: { openapi: options.permissions ?? ALL_PERMISSIONS } });
  const { sdk } = fn;
  const room = wechat.createRoom({ name: 'Chat' });
  const [publisher, alice, bob] = ['P', 'A', 'B'].map((nickname) => wechat.addMember(room.id, { nickname })) as [
    EmulatedMember,
    EmulatedMember,
    EmulatedMember,
  ];
  /** Runs `body` as a cloud function invocation by `who` (null: the timer). */
  const as = <T>(who: { openid: string } | null, body: () => Promise<T>) => fn.invoke(who, body);
  const activity = await as(publisher, () => sdk.openapi.updatableMessage.createActivityId({}));
  const share = {
    activityId: activity.activityId,
    templateId: CHAT_TOOL_TEMPLATES.participate,
    chooseType: 1 as const,
    participant: [alice.groupOpenid],
    title: '爬山',
    path: '/packageChatTool/pages/entry/index?taskId=t',
  };
  const card = wechat.shareCard(publisher, share);
  const body = (extra: Partial<ChatToolMsgBody> = {}): ChatToolMsgBody => ({
    activity_id: activity.activityId,
    target_state: 1,
    template_id: CHAT_TOOL_TEMPLATES.participate,
    version_type: 0,
    participator_info_list: [{ group_openid: alice.groupOpenid, state: 1 }],
    ...extra,
  });
  const send = (data: ChatToolMsgBody | Record<string, unknown>) =>
    as(publisher, () => sdk.openapi.chattoolmsg.send(data as ChatToolMsgBody));
  return { clock, wechat, fn, sdk, as, room, publisher, alice, bob, activity, share, card, body, send };
}

/** What the SDK rejected with: "errCode errMsg". */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const { errCode, errMsg } = error as { errCode?: unknown; errMsg?: unknown };
    if (typeof errCode === 'number' && typeof errMsg === 'string') return `${errCode} ${errMsg}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

const withReading = <K extends keyof Readings>(name: K, value: Readings[K]): Readings => ({
  ...READING_PROFILES.documented,
  [name]: value,
});

describe('the wx-server-sdk surface', () => {
  it('createActivityId answers camelCased with errCode 0, expiring in 24 hours (in seconds)', async () => {
    const { activity, clock, wechat } = await setup();
    expect(activity).toEqual({
      activityId: expect.stringMatching(/^\d+_/),
      expirationTime: Math.floor((clock.now + 24 * HOUR) / 1000),
      errCode: 0,
      errMsg: 'openapi.updatableMessage.createActivityId:ok',
    });
    expect(wechat.calls('createActivityId')).toMatchObject([{ outcome: 'ok', errcode: 0 }]);
  });

  it('refuses an openapi name missing from config.json permissions with -604101, and logs it', async () => {
    const { publisher, wechat, as, fn, body } = await setup({ permissions: ['updatableMessage.createActivityId'] });
    const refused = await refusal(as(publisher, () => fn.sdk.openapi.chattoolmsg.send(body())));
    expect(refused).toBe('-604101 openapi.chattoolmsg.send:fail function has no permission to call this API');
    expect(wechat.calls('setChatToolMsg')).toMatchObject([{ outcome: 'failed', errcode: ERRCODE.NO_PERMISSION }]);
    expect(wechat.card(body().activity_id)?.done).toEqual([]);
  });

  it('converts the request camelCase → snake_case like the SDK, so only snake_case keys survive intact', async () => {
    const { send, body, wechat, alice, activity } = await setup();
    // groupOpenID becomes group_open_i_d, which WeChat does not know.
    const mangled = {
      activityId: activity.activityId,
      targetState: 1,
      templateId: CHAT_TOOL_TEMPLATES.participate,
      versionType: 0,
      participatorInfoList: [{ groupOpenID: alice.groupOpenid, state: 1 }],
    };
    expect(await refusal(send(mangled))).toMatch(/not in the card's chat/);
    expect(wechat.calls('setChatToolMsg').at(-1)?.request).toMatchObject({
      participator_info_list: [{ group_open_i_d: alice.groupOpenid, state: 1 }],
    });
    await expect(send(body())).resolves.toEqual({ errCode: 0, errMsg: 'openapi.chattoolmsg.send:ok' });
  });

  it('answers getWXContext per invocation: concurrent callers see their own OPENID, the timer none', async () => {
    const { sdk, as, alice, bob, wechat } = await setup();
    const seen = await Promise.all(
      [alice, bob, null].map((who) =>
        as(who, async () => {
          await new Promise((resolve) => setTimeout(resolve, who === alice ? 20 : 0));
          return sdk.getWXContext();
        }),
      ),
    );
    expect(seen).toEqual([
      { OPENID: alice.openid, APPID: wechat.appid, ENV: 'emulator' },
      { OPENID: bob.openid, APPID: wechat.appid, ENV: 'emulator' },
      { APPID: wechat.appid, ENV: 'emulator' },
    ]);
  });

  it('is not thenable, so awaiting a namespace does not call WeChat', async () => {
    const { sdk, wechat } = await setup();
    const callsBefore = wechat.calls().length;
    await Promise.resolve(sdk.openapi.security);
    expect(wechat.calls()).toHaveLength(callsBefore);
  });

  it('keeps every platform call by default, or the newest `callsKept` (the simulator keeps its call panel bounded)', async () => {
    const all = await setup();
    const kept = await setup({ callsKept: 2 });
    for (const { wechat, as, publisher, sdk } of [all, kept]) {
      for (let n = 0; n < 3; n += 1) await as(publisher, () => sdk.openapi.updatableMessage.createActivityId({}));
      expect(wechat.calls().at(-1)).toMatchObject({ api: 'createActivityId', outcome: 'ok' });
    }
    expect(all.wechat.calls()).toHaveLength(4);
    expect(kept.wechat.calls()).toHaveLength(2);
  });

  it('answers an unknown openapi with -604100', async () => {
    const { sdk, as, publisher } = await setup({ permissions: [...ALL_PERMISSIONS, 'wxacode.get'] });
    const openapi = sdk.openapi as unknown as { wxacode: { get(data: object): Promise<unknown> } };
    expect(await refusal(as(publisher, () => openapi.wxacode.get({})))).toMatch(/^-604100 openapi\.wxacode\.get:fail/);
  });
});

describe('setChatToolMsg rules', () => {
  it('marks members, posts the system message, and shows each viewer the template text', async () => {
    const { wechat, send, body, activity, publisher, alice, bob, room } = await setup();
    expect(wechat.cardText(activity.activityId, alice)).toBe('未参与');
    await send(body());
    expect(wechat.cardText(activity.activityId, alice)).toBe('已参与');
    expect(wechat.cardText(activity.activityId, publisher)).toBe('1人已参与');
    expect(wechat.cardText(activity.activityId, bob)).toBe('你无需参与');
    expect(wechat.systemMessages(room.id).map((m) => m.text)).toEqual(['A 已参与 P 发布的 爬山']);
    await send(body({ target_state: 3, participator_info_list: undefined }));
    expect(wechat.cardText(activity.activityId, alice)).toBe('已结束');
    expect(wechat.systemMessages(room.id).at(-1)?.text).toBe('P 发布的 爬山 已结束');
  });

  it('refuses what the documentation rules out, with 47003 and the rule', async () => {
    const { wechat, send, body, bob } = await setup();
    const other = wechat.createRoom();
    const stranger = wechat.addMember(other.id);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ activity_id: 'nope' }, /invalid activity_id/],
      [{ template_id: '21B034D08C5615B9889CE362BB957B1EE69A584B' }, /template_id must be one of/],
      [{ template_id: CHAT_TOOL_TEMPLATES.complete }, /differs from the shared card/],
      [{ target_state: 4 }, /target_state/],
      [{ target_state: '1' }, /target_state/],
      [{ version_type: 3 }, /version_type/],
      [{ participator_info_list: undefined }, /required when target_state is 1/],
      [{ participator_info_list: [] }, /required when target_state is 1/],
      [{ participator_info_list: [{ group_openid: bob.groupOpenid, state: 0 }] }, /only be set to 1/],
      [{ participator_info_list: [{ group_openid: stranger.groupOpenid, state: 1 }] }, /not in the card's chat/],
      [{ target_state: 3 }, /only taken with target_state 1/],
      [{ target_state: 2 }, /only taken with target_state 1/],
    ];
    for (const [change, message] of cases) {
      const refused = await refusal(send({ ...body(), ...change }));
      expect(refused).toMatch(new RegExp(`^${ERRCODE.INVALID} openapi\\.chattoolmsg\\.send:fail argument invalid!`));
      expect(refused).toMatch(message);
    }
    expect(wechat.calls('setChatToolMsg').every((call) => call.outcome === 'failed')).toBe(true);
    expect(wechat.card(body().activity_id)).toMatchObject({ state: 1, done: [] });
  });

  it('keeps target_state 3 final', async () => {
    const { send, body } = await setup();
    await send(body({ target_state: 3, participator_info_list: undefined }));
    expect(await refusal(send(body()))).toMatch(/final/);
    expect(await refusal(send(body({ target_state: 3, participator_info_list: undefined })))).toMatch(/final/);
  });

  it('refuses updates to a card that was never shared', async () => {
    const { sdk, as, publisher, send } = await setup();
    const unshared = await as(publisher, () => sdk.openapi.updatableMessage.createActivityId({}));
    const update = {
      activity_id: unshared.activityId,
      target_state: 2,
      template_id: CHAT_TOOL_TEMPLATES.participate,
      version_type: 0,
    };
    expect(await refusal(send(update))).toMatch(/not been shared/);
  });

  it('refuses a private-message activity_id by cloud call', async () => {
    const { sdk, as, publisher } = await setup();
    const refused = await refusal(
      as(publisher, () => sdk.openapi.updatableMessage.createActivityId({ openid: publisher.openid })),
    );
    expect(refused).toMatch(/private messages/);
  });
});

describe('getOpenData', () => {
  it('resolves a cloudID for 5 minutes to the chat, the group_openid and a watermark', async () => {
    const { wechat, sdk, as, alice, room, clock } = await setup();
    const cloudID = wechat.issueCloudId(alice);
    expect(await as(alice, () => sdk.getOpenData({ list: [cloudID] }))).toEqual({
      list: [
        {
          cloudID,
          data: {
            opengid: room.id,
            group_openid: alice.groupOpenid,
            chat_type: 3,
            watermark: { appid: wechat.appid, timestamp: Math.floor(clock.now / 1000) },
          },
        },
      ],
      errCode: 0,
      errMsg: 'getOpenData:ok',
    });
    clock.now += 5 * 60_000;
    expect(await as(alice, () => sdk.getOpenData({ list: [cloudID, 'forged'] }))).toMatchObject({
      list: [
        { cloudID, errCode: ERRCODE.CLOUD_ID_EXPIRED, errMsg: 'cloudID expired.' },
        { cloudID: 'forged', errCode: ERRCODE.CLOUD_ID_INVALID },
      ],
    });
  });

  it('carries open_single_roomid in one-to-one chats, which hold two members', async () => {
    const wechat = createWeChatEmulator();
    const { sdk, invoke } = wechat.cloudFunction({ permissions: {} });
    const single = wechat.createRoom({ chatType: 1 });
    const me = wechat.addMember(single.id);
    wechat.addMember(single.id);
    expect(() => wechat.addMember(single.id)).toThrow(/two members/);
    const resolved = await invoke(me, () => sdk.getOpenData({ list: [wechat.issueCloudId(me)] }));
    expect(resolved.list[0]).toMatchObject({ data: { open_single_roomid: single.id, chat_type: 1 } });
    expect(resolved.list[0]).not.toHaveProperty('data.opengid');
  });

  it('issues cloudIDs only to members of the chat', async () => {
    const { wechat, room } = await setup();
    expect(() => wechat.issueCloudId({ openid: 'someone', roomId: room.id })).toThrow(/not a member/);
  });

  it('fails as a whole when WeChat is busy', async () => {
    const { wechat, sdk, as, alice } = await setup();
    wechat.setFault('getOpenData', { mode: 'fail', times: 1 });
    const refused = await refusal(as(alice, () => sdk.getOpenData({ list: [wechat.issueCloudId(alice)] })));
    expect(refused).toBe('-1 getOpenData:fail system error (injected)');
  });
});

describe('security.msgSecCheck', () => {
  const check = (extra: Record<string, unknown> = {}) => ({ version: 2, scene: 2, content: '周六爬山', ...extra });

  it('answers the switch: pass, review, risky, and -1 when failing', async () => {
    const { wechat, sdk, as, alice } = await setup({ contentCheck: 'risky' });
    const run = () => as(alice, () => sdk.openapi.security.msgSecCheck({ ...check(), openid: alice.openid }));
    expect(await run()).toEqual({
      result: { suggest: 'risky', label: 20006 },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20006, prob: 90 }],
      traceId: expect.any(String),
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
    });
    wechat.setContentCheck('review');
    expect(await run()).toMatchObject({ result: { suggest: 'review' } });
    wechat.setContentCheck('pass');
    expect(await run()).toMatchObject({ result: { suggest: 'pass', label: 100 } });
    expect(() => wechat.setContentCheck('lenient' as never)).toThrow(/pass, review, risky, failing, not lenient/);
    wechat.setContentCheck('failing');
    expect(await refusal(run())).toBe('-1 openapi.security.msgSecCheck:fail system error');
    expect(wechat.contentCheck()).toBe('failing');
    expect(wechat.calls('msgSecCheck').map((c) => c.outcome)).toEqual(['ok', 'ok', 'ok', 'failed']);
  });

  it('refuses a bad request with its documented code', async () => {
    const { sdk, as, alice } = await setup();
    const cases: [Record<string, unknown>, number][] = [
      [{ version: 1 }, ERRCODE.FORMAT],
      [{ openid: 'oUnknown' }, ERRCODE.INVALID_OPENID],
      [{ scene: 5 }, ERRCODE.INVALID_SCENE],
      [{ content: '' }, ERRCODE.EMPTY_CONTENT],
      [{ content: '😀'.repeat(2501) }, ERRCODE.FORMAT],
    ];
    for (const [change, code] of cases) {
      const request = { ...check(), openid: alice.openid, ...change };
      expect(await refusal(as(alice, () => sdk.openapi.security.msgSecCheck(request as never)))).toMatch(
        new RegExp(`^${code} `),
      );
    }
    // 2,500 characters are fine even when they take 5,000 UTF-16 units.
    const emoji = { ...check({ content: '😀'.repeat(2500) }), openid: alice.openid };
    await expect(as(alice, () => sdk.openapi.security.msgSecCheck(emoji))).resolves.toMatchObject({ errCode: 0 });
  });

  it('takes only a user who opened the mini program within 2 hours', async () => {
    const { sdk, as, alice, bob, clock, wechat } = await setup();
    const of = (member: EmulatedMember) => ({ ...check(), openid: member.openid });
    // Bob is in the chat but never opened the tool.
    expect(await refusal(as(alice, () => sdk.openapi.security.msgSecCheck(of(bob))))).toMatch(/^40003 .*2 hours/);
    clock.now += 2 * HOUR + 1;
    expect(await refusal(as(null, () => sdk.openapi.security.msgSecCheck(of(alice))))).toMatch(/^40003 /);
    wechat.issueCloudId(alice);
    await expect(as(null, () => sdk.openapi.security.msgSecCheck(of(alice)))).resolves.toMatchObject({ errCode: 0 });
  });

  it('stalls and fails on demand like the other calls', async () => {
    const { wechat, sdk, as, alice } = await setup();
    wechat.setFault('msgSecCheck', { mode: 'fail', errcode: 45009, times: 1 });
    const run = () => as(alice, () => sdk.openapi.security.msgSecCheck({ ...check(), openid: alice.openid }));
    expect(await refusal(run())).toMatch(/^45009 /);
    wechat.setFault('msgSecCheck', { mode: 'stall' });
    let settled = false;
    const pending = run().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    wechat.releaseStalled();
    await pending;
    expect(wechat.calls('msgSecCheck').map((c) => c.outcome)).toEqual(['failed', 'stalled']);
  });
});

describe('each reading, both ways', () => {
  it('oneToOneSelection: the other person only, or both parties', () => {
    for (const reading of ['otherPerson', 'bothParties'] as const) {
      const wechat = createWeChatEmulator({ readings: withReading('oneToOneSelection', reading) });
      const single = wechat.createRoom({ chatType: 1 });
      const [me, other] = [wechat.addMember(single.id), wechat.addMember(single.id)];
      const expected = reading === 'bothParties' ? [me.groupOpenid, other.groupOpenid] : [other.groupOpenid];
      expect(wechat.oneToOneSelection(me)).toEqual(expected);
    }
    const wechat = createWeChatEmulator();
    const group = wechat.createRoom({ chatType: 3 });
    expect(() => wechat.oneToOneSelection(wechat.addMember(group.id))).toThrow(/not a one-to-one chat/);
  });

  it('participatorListWithFinalStates: refused, or accepted and applied', async () => {
    const refused = await setup({ readings: withReading('participatorListWithFinalStates', 'refused') });
    expect(await refusal(refused.send(refused.body({ target_state: 2 })))).toMatch(/only taken with target_state 1/);
    const accepted = await setup({ readings: withReading('participatorListWithFinalStates', 'accepted') });
    await accepted.send(accepted.body({ target_state: 2 }));
    expect(accepted.wechat.card(accepted.activity.activityId)).toMatchObject({
      state: 2,
      done: [accepted.alice.groupOpenid],
    });
  });

  it('afterExpiry: setChatToolMsg refused, or accepted, after 24 hours; sharing is refused either way', async () => {
    for (const reading of ['refused', 'accepted'] as const) {
      const world = await setup({ readings: withReading('afterExpiry', reading) });
      world.clock.now += 24 * HOUR;
      const sent = world.send(world.body());
      if (reading === 'refused') expect(await refusal(sent)).toMatch(/expired/);
      else await expect(sent).resolves.toMatchObject({ errCode: 0 });
      expect(() => world.wechat.shareCard(world.publisher, world.share)).toThrow(/expired/);
    }
  });

  it('reshareSameActivity: a second card bound to the same activity, or refused', async () => {
    const twice = await setup({ readings: withReading('reshareSameActivity', 'secondCard') });
    const second = twice.wechat.shareCard(twice.publisher, { ...twice.share, chooseType: 2, participant: [] });
    expect(second.cardId).not.toBe(twice.card.cardId);
    await twice.send(twice.body());
    const cards = twice.wechat.cards(twice.room.id);
    expect(cards.map((c) => [c.state, c.done])).toEqual([
      [1, [twice.alice.groupOpenid]],
      [1, [twice.alice.groupOpenid]],
    ]);
    // Each card keeps its own audience: Bob is asked by the second card only.
    expect(cards.map((c) => twice.wechat.cardText(c, twice.bob))).toEqual(['你无需参与', '未参与']);
    const once = await setup({ readings: withReading('reshareSameActivity', 'refused') });
    expect(() => once.wechat.shareCard(once.publisher, once.share)).toThrow(/shared already/);
    expect(once.wechat.cards()).toHaveLength(1);
  });

  it('foreignCloudId: refused with -601007, or resolved to its own user', async () => {
    for (const reading of ['refused', 'resolved'] as const) {
      const { wechat, sdk, as, alice, bob } = await setup({ readings: withReading('foreignCloudId', reading) });
      const answer = await as(bob, () => sdk.getOpenData({ list: [wechat.issueCloudId(alice)] }));
      if (reading === 'refused') {
        expect(answer.list[0]).toMatchObject({ errCode: ERRCODE.CLOUD_ID_USER_MISMATCH });
      } else expect(answer.list[0]).toMatchObject({ data: { group_openid: alice.groupOpenid } });
    }
  });

  it('cloudCallForChatToolMsg: works, or is refused as unsupported', async () => {
    const works = await setup({ readings: withReading('cloudCallForChatToolMsg', 'works') });
    await expect(works.send(works.body())).resolves.toMatchObject({ errCode: 0 });
    const refused = await setup({ readings: withReading('cloudCallForChatToolMsg', 'refused') });
    expect(await refusal(refused.send(refused.body()))).toMatch(/^-604100 .*不支持云调用/);
    expect(refused.wechat.card(refused.activity.activityId)?.done).toEqual([]);
  });
});

describe('sharing and reminding', () => {
  it('checks the share like updateShareMenu and shareAppMessageToGroup', async () => {
    const { wechat, publisher, share, sdk, as } = await setup();
    expect(() => wechat.shareCard(publisher, { ...share, activityId: 'unknown' })).toThrow(/unknown activityId/);
    const second = await as(publisher, () => sdk.openapi.updatableMessage.createActivityId({}));
    const fresh = { ...share, activityId: second.activityId };
    expect(() => wechat.shareCard(publisher, { ...fresh, path: 'p' })).toThrow(/start.* with \//);
    expect(() => wechat.shareCard(publisher, { ...fresh, title: '' })).toThrow(/title is required/);
    expect(() => wechat.shareCard(publisher, { ...fresh, participant: ['x'] })).toThrow(/not in this chat/);
    expect(() => wechat.shareCard(publisher, { ...fresh, participant: [] })).toThrow(/needs participant/);
    expect(() => wechat.shareCard(publisher, { ...fresh, templateId: 'x' })).toThrow(/template/);
    const elsewhere = wechat.createRoom();
    const stranger = wechat.addMember(elsewhere.id);
    expect(() => wechat.shareCard(stranger, { ...share, participant: [], chooseType: 2 })).toThrow(/another chat/);
    expect(() => wechat.shareCard(publisher, { ...share, templateId: CHAT_TOOL_TEMPLATES.complete })).toThrow(
      /other template/,
    );
    const pictured = wechat.shareCard(publisher, { ...fresh, imageUrl: '/packageChatTool/assets/card.png' });
    expect(pictured).toMatchObject({ imageUrl: '/packageChatTool/assets/card.png', state: 1, done: [] });
  });

  it('applies the notifyGroupMembers title rule and room membership', async () => {
    const { wechat, publisher, alice, bob } = await setup();
    const remind = (title: string, members = [alice.groupOpenid]) =>
      wechat.remind(publisher, { title, members, type: 'complete' });
    expect(remind('爬山').text).toBe('@A 请完成：爬山');
    expect(
      wechat.remind(publisher, { title: 'Hike', members: [alice.groupOpenid, bob.groupOpenid], type: 'participate' })
        .text,
    ).toBe('@A @B 请参与：Hike');
    expect(() => remind('爬 山')).toThrow(/" " is not allowed/);
    expect(() => remind('爬山！')).toThrow(/"！" is not allowed/);
    expect(() => remind('')).toThrow(/title is required/);
    expect(() => remind('爬山', ['x'])).toThrow(/not in this chat/);
    expect(() => remind('爬山', [])).toThrow(/members is required/);
  });
});

describe('faults and the call log', () => {
  it('fails the next calls on demand and records them', async () => {
    const { wechat, send, body } = await setup();
    wechat.setFault('setChatToolMsg', { mode: 'fail', errcode: 45009, times: 1 });
    expect(await refusal(send(body()))).toMatch(/^45009 /);
    await send(body());
    expect(wechat.calls('setChatToolMsg').map((c) => c.outcome)).toEqual(['failed', 'ok']);
  });

  it('stalls until released, then answers', async () => {
    const { wechat, send, body, activity, alice } = await setup();
    let changes = 0;
    const stop = wechat.onChange(() => (changes += 1));
    wechat.setFault('setChatToolMsg', { mode: 'stall' });
    let settled = false;
    const pending = send(body()).then(() => (settled = true));
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

describe('the HTTPS API (docs/platform.md, "Access token" and "setChatToolMsg")', () => {
  const BASE = 'https://api.weixin.qq.com';
  const SECRET = 'the-app-secret';

  async function httpsSetup(readings?: Readings) {
    const world = await setup({ appid: 'wxA', appSecret: SECRET, readings });
    const post = async (path: string, payload: unknown) => {
      const answer = await world.wechat.https({ url: `${BASE}${path}`, body: JSON.stringify(payload) });
      return { status: answer.status, json: JSON.parse(answer.body) as Record<string, unknown> };
    };
    const stableToken = (extra: object = {}) =>
      post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wxA', secret: SECRET, ...extra });
    const sendWith = (accessToken: unknown, payload: object = world.body()) =>
      post(`/cgi-bin/message/wxopen/chattoolmsg/send?access_token=${encodeURIComponent(String(accessToken))}`, payload);
    return { ...world, post, stableToken, sendWith };
  }

  it('stable_token checks grant_type, appid and secret, and never logs the secret', async () => {
    const { stableToken, wechat } = await httpsSetup();
    expect((await stableToken({ grant_type: 'password' })).json).toMatchObject({ errcode: ERRCODE.INVALID_GRANT_TYPE });
    expect((await stableToken({ appid: 'wxB' })).json).toMatchObject({ errcode: ERRCODE.INVALID_APPID });
    expect((await stableToken({ secret: 'guess' })).json).toEqual({ errcode: 40125, errmsg: 'invalid appsecret' });
    const issued = await stableToken();
    expect(issued).toEqual({ status: 200, json: { access_token: expect.any(String), expires_in: 7200 } });
    expect(wechat.calls('stableToken').map((call) => [call.via, call.errcode])).toEqual([
      ['https', 40002],
      ['https', 40013],
      ['https', 40125],
      ['https', 0],
    ]);
    expect(JSON.stringify(wechat.calls())).not.toContain(SECRET);
  });

  it('hands out the same token while it is valid, a new one in its last 5 minutes (the old one lasting until it expires)', async () => {
    const { stableToken, sendWith, clock } = await httpsSetup();
    const first = (await stableToken()).json;
    clock.now += HOUR;
    expect((await stableToken()).json).toEqual({ access_token: first.access_token, expires_in: 3600 });
    clock.now += HOUR - 4 * 60_000;
    const second = (await stableToken()).json;
    expect(second).toMatchObject({ expires_in: 7200 });
    expect(second.access_token).not.toBe(first.access_token);
    expect((await sendWith(first.access_token)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    clock.now += 4 * 60_000;
    expect((await sendWith(first.access_token)).json).toMatchObject({ errcode: ERRCODE.TOKEN_EXPIRED });
    expect((await sendWith(second.access_token)).json).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('refuses an unknown token, and every earlier token after a forced refresh, with 40001', async () => {
    const { stableToken, sendWith, wechat } = await httpsSetup();
    expect((await sendWith('forged')).json).toMatchObject({ errcode: ERRCODE.INVALID_CREDENTIAL });
    expect((await sendWith(null)).json).toMatchObject({ errcode: ERRCODE.INVALID_CREDENTIAL });
    const old = (await stableToken()).json.access_token;
    const renewed = (await stableToken({ force_refresh: true })).json.access_token;
    expect(renewed).not.toBe(old);
    expect((await sendWith(old)).json).toMatchObject({ errcode: ERRCODE.INVALID_CREDENTIAL });
    expect((await sendWith(renewed)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(wechat.calls('setChatToolMsg').map((call) => [call.via, call.errcode])).toEqual([
      ['https', 40001],
      ['https', 40001],
      ['https', 40001],
      ['https', 0],
    ]);
  });

  it('applies the cloud call’s card rules, and works where the cloud call is refused', async () => {
    const { stableToken, sendWith, sdk, as, publisher, body, wechat, activity, alice } = await httpsSetup(
      withReading('cloudCallForChatToolMsg', 'refused'),
    );
    expect(await refusal(as(publisher, () => sdk.openapi.chattoolmsg.send(body())))).toMatch(/^-604100 /);
    const accessToken = (await stableToken()).json.access_token;
    expect((await sendWith(accessToken, body({ target_state: 4 }))).json).toMatchObject({ errcode: ERRCODE.INVALID });
    expect(
      (await sendWith(accessToken, body({ participator_info_list: [{ group_openid: 'stranger', state: 1 }] }))).json,
    ).toMatchObject({ errcode: ERRCODE.INVALID, errmsg: expect.stringMatching(/not in the card's chat/) });
    expect((await sendWith(accessToken)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(wechat.cardText(activity.activityId, alice)).toBe('已参与');
    expect((await sendWith(accessToken, body({ target_state: 3, participator_info_list: undefined }))).json).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(
      (await sendWith(accessToken, body({ target_state: 3, participator_info_list: undefined }))).json,
    ).toMatchObject({ errcode: ERRCODE.INVALID, errmsg: expect.stringMatching(/final/) });
    expect(wechat.calls('setChatToolMsg').at(-1)).toMatchObject({
      via: 'https',
      request: { activity_id: activity.activityId, target_state: 3 },
    });
  });

  it('answers a body that is not JSON with 47001 and an unknown path with 404', async () => {
    const { wechat } = await httpsSetup();
    const garbled = await wechat.https({ url: `${BASE}/cgi-bin/stable_token`, body: '{grant_type' });
    expect(JSON.parse(garbled.body)).toMatchObject({ errcode: ERRCODE.FORMAT });
    expect((await wechat.https({ url: `${BASE}/cgi-bin/unknown`, body: '{}' })).status).toBe(404);
  });

  it('uses up no fault on a cloud call it refuses as unsupported: the fault meets the HTTPS call', async () => {
    const { stableToken, sendWith, sdk, as, publisher, body, wechat } = await httpsSetup(
      withReading('cloudCallForChatToolMsg', 'refused'),
    );
    wechat.setFault('setChatToolMsg', { mode: 'fail', errcode: ERRCODE.BUSY, times: 1 });
    expect(await refusal(as(publisher, () => sdk.openapi.chattoolmsg.send(body())))).toMatch(/^-604100 /);
    const accessToken = (await stableToken()).json.access_token;
    expect((await sendWith(accessToken)).json).toMatchObject({ errcode: ERRCODE.BUSY });
    expect((await sendWith(accessToken)).json).toEqual({ errcode: 0, errmsg: 'ok' });
  });
});
