// WeCom's platform port (platforms/wecom/platform.ts): the server's own chat proof resolved to its room and member
// id, for the user it was issued to only; the card that is never updated; no content check.
import { CARD_TEMPLATE } from 'chat-tool-kit';
import { CARD_NEVER_EXPIRES_MS, NO_CHECK_TRACE, wecomPlatform } from '../../../platforms/wecom/platform';
import { createProofs, PROOF_TTL_MS } from '../../../platforms/wecom/proofs';

const NOW = 1_767_254_400_000;
const proofs = createProofs('k'.repeat(32));
const platform = wecomPlatform(proofs, { now: () => NOW });

describe("WeCom's platform port", () => {
  it('resolves a chat proof to its room and member id, a group or a one-to-one chat', async () => {
    const group = proofs.chat({ roomId: 'wecom-g-1', chatType: 4, userId: 'wecom-u-a', memberId: 'wecom-m-a' }, NOW);
    await expect(platform.resolveChat(group, 'wecom-u-a')).resolves.toEqual({
      ok: true,
      room: { id: 'wecom-g-1', chatType: 4 },
      memberId: 'wecom-m-a',
    });
    const single = proofs.chat({ roomId: 'wecom-s-1', chatType: 2, userId: 'wecom-u-a', memberId: 'wecom-m-s' }, NOW);
    await expect(platform.resolveChat(single, 'wecom-u-a')).resolves.toEqual({
      ok: true,
      room: { id: 'wecom-s-1', chatType: 2 },
      memberId: 'wecom-m-s',
    });
  });

  it("refuses another user's proof, an expired one, a session and anything unsigned", async () => {
    const chat = { roomId: 'wecom-g-1', chatType: 4 as const, userId: 'wecom-u-a', memberId: 'wecom-m-a' };
    await expect(platform.resolveChat(proofs.chat(chat, NOW), 'wecom-u-b')).resolves.toMatchObject({
      ok: false,
      code: 'CHAT_PROOF_FOREIGN',
    });
    await expect(platform.resolveChat(proofs.chat(chat, NOW - PROOF_TTL_MS), 'wecom-u-a')).resolves.toMatchObject({
      ok: false,
      code: 'CHAT_PROOF_EXPIRED',
    });
    const session = proofs.session({ corpid: 'ww1', userid: 'a' }, NOW);
    for (const proof of [session, 'made-up', createProofs('x'.repeat(32)).chat(chat, NOW)]) {
      await expect(platform.resolveChat(proof, 'wecom-u-a')).resolves.toMatchObject({
        ok: false,
        code: 'CHAT_PROOF_INVALID',
      });
    }
  });

  it('makes card ids that never expire, updates nothing, and checks no text', async () => {
    const card = await platform.createCard();
    expect(card.activityId).toMatch(/^wecom-[0-9a-f]{32}$/);
    expect(card.expiresAt).toBe(NOW + CARD_NEVER_EXPIRES_MS);
    await expect(
      platform.updateCard({
        activity_id: card.activityId,
        target_state: 3,
        template_id: CARD_TEMPLATE.complete,
        version_type: 0,
      }),
    ).resolves.toBeUndefined();
    await expect(platform.checkText({ userId: 'wecom-u-a', scene: 3, title: 't', content: 'c' })).resolves.toEqual({
      verdict: 'pass',
      traceId: NO_CHECK_TRACE,
    });
  });
});
