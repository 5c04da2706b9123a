// Identity from the chatProof only: the room the platform resolves it to, and the caller bound to their member id.
import type { Member } from 'chat-tool-kit';
import { createIdentity } from '../../../kit/server/identity';
import type { MemberTickets } from '../../../kit/server/member-tickets';
import { exchangeTickets, memberTickets } from '../../../kit/server/member-tickets';
import type { ChatResolution, MemberBindings } from '../../../kit/server/ports';
import { PlatformError } from '../../../kit/server/ports';

const NOW = 1_767_254_400_000;

/** Bindings held in memory: the first userId to present a member id in a room keeps it. */
function memoryBindings(): MemberBindings & { bound: Map<string, { userId: string; at: number }> } {
  const bound = new Map<string, { userId: string; at: number }>();
  return {
    bound,
    async bindMember(roomId: string, member: Member, now: number) {
      const key = `${roomId}:${member.memberId}`;
      if (!bound.has(key)) bound.set(key, { userId: member.userId, at: now });
      return bound.get(key)!.userId;
    },
    async roomMembers() {
      return [];
    },
  };
}

describe('kit identity', () => {
  let resolved: ChatResolution | Error;
  let logged: string[];
  let bindings: ReturnType<typeof memoryBindings>;
  const chat = (id: string, chatType: 1 | 2 | 3 | 4, memberId: string | null): ChatResolution => ({
    ok: true,
    room: { id, chatType },
    memberId,
  });
  const identity = (tickets: MemberTickets | null = null) =>
    createIdentity({
      tickets,
      platform: {
        resolveChat: async () => {
          if (resolved instanceof Error) throw resolved;
          return resolved;
        },
      },
      bindings,
      clock: { now: () => NOW },
      log: (message) => logged.push(message),
    });

  beforeEach(() => {
    logged = [];
    bindings = memoryBindings();
    resolved = chat('tG1', 3, 'gAlice');
  });

  it('answers the room the platform resolved and the caller in it, binding the caller', async () => {
    expect(await identity().caller('cid', 'oAlice')).toEqual({
      ok: true,
      data: { room: { id: 'tG1', chatType: 3 }, member: { userId: 'oAlice', memberId: 'gAlice' } },
    });
    expect(bindings.bound.get('tG1:gAlice')).toEqual({ userId: 'oAlice', at: NOW });
    resolved = chat('sR1', 1, 'gBob');
    expect(await identity().caller('cid', 'oBob')).toEqual({
      ok: true,
      data: { room: { id: 'sR1', chatType: 1 }, member: { userId: 'oBob', memberId: 'gBob' } },
    });
    resolved = chat('sR2', 2, 'gBob');
    expect(await identity().chatOf('cid', 'oBob')).toMatchObject({
      ok: true,
      data: { room: { id: 'sR2', chatType: 2 } },
    });
  });

  it('gives the chat without a member when the chatProof names none, which a caller needs', async () => {
    resolved = chat('tG1', 3, null);
    expect(await identity().chatOf('cid', 'oAlice')).toEqual({
      ok: true,
      data: { room: { id: 'tG1', chatType: 3 }, member: null },
    });
    expect(await identity().caller('cid', 'oAlice')).toMatchObject({
      ok: false,
      error: { code: 'CHAT_PROOF_INVALID' },
    });
    expect(bindings.bound.size).toBe(0);
  });

  it("passes on the platform's refusal of the chatProof, and reports the platform failing as PLATFORM_FAILED", async () => {
    for (const code of ['CHAT_PROOF_INVALID', 'CHAT_PROOF_EXPIRED', 'CHAT_PROOF_FOREIGN'] as const) {
      resolved = { ok: false, code, message: 'refused' };
      expect(await identity().caller('cid', 'oAlice')).toEqual({ ok: false, error: { code, message: 'refused' } });
    }
    resolved = new PlatformError(-1, 'system error');
    expect(await identity().chatOf('cid', 'oAlice')).toMatchObject({ ok: false, error: { code: 'PLATFORM_FAILED' } });
    expect(logged).toEqual(['resolving the chat proof failed']);
    expect(bindings.bound.size).toBe(0);
  });

  it('refuses a member id another userId presented first, logs it, and keeps its owner working', async () => {
    expect((await identity().caller('cid', 'oAlice')).ok).toBe(true);
    for (const intruder of ['oMallory', 'oBob']) {
      expect(await identity().caller('cid', intruder)).toMatchObject({
        ok: false,
        error: { code: 'CHAT_PROOF_FOREIGN' },
      });
      expect(await identity().chatOf('cid', intruder)).toMatchObject({
        ok: false,
        error: { code: 'CHAT_PROOF_FOREIGN' },
      });
    }
    expect(logged.filter((line) => line.includes('bound to another user'))).toHaveLength(4);
    expect((await identity().caller('cid', 'oAlice')).ok).toBe(true);
    // The same userId in another room is another binding.
    resolved = chat('tG2', 3, 'gAlice');
    expect((await identity().caller('cid', 'oBob')).ok).toBe(true);
    expect(bindings.bound.get('tG2:gAlice')?.userId).toBe('oBob');
  });

  describe('with member tickets', () => {
    const tickets = memberTickets('k'.repeat(32));
    const aliceTicket = tickets.sign('tG1', { userId: 'oAlice', memberId: 'gAlice' });
    const counted = () => {
      const reads = { count: 0 };
      const bindMember = bindings.bindMember.bind(bindings);
      bindings.bindMember = async (...args) => {
        reads.count += 1;
        return bindMember(...args);
      };
      return reads;
    };

    it('answers the caller their ticket once the binding holds, and takes it instead of the binding next time', async () => {
      const reads = counted();
      const first = await exchangeTickets(undefined, () => identity(tickets).caller('cid', 'oAlice'));
      expect(first).toMatchObject({ result: { ok: true }, issued: aliceTicket });
      expect(reads.count).toBe(1);
      const next = await exchangeTickets(aliceTicket, () => identity(tickets).caller('cid', 'oAlice'));
      expect(next).toEqual({
        result: {
          ok: true,
          data: { room: { id: 'tG1', chatType: 3 }, member: { userId: 'oAlice', memberId: 'gAlice' } },
        },
        issued: null,
      });
      expect(reads.count).toBe(1);
    });

    it("refuses another user presenting Alice's chatProof and ticket: the binding decides, and answers no ticket", async () => {
      await exchangeTickets(undefined, () => identity(tickets).caller('cid', 'oAlice'));
      const replayed = await exchangeTickets(aliceTicket, () => identity(tickets).caller('cid', 'oMallory'));
      expect(replayed).toEqual({
        result: { ok: false, error: { code: 'CHAT_PROOF_FOREIGN', message: expect.any(String) } },
        issued: null,
      });
    });

    it('reads the binding for a ticket of another room, key or member, and answers the right one', async () => {
      const reads = counted();
      for (const stale of [
        tickets.sign('tG2', { userId: 'oAlice', memberId: 'gAlice' }),
        memberTickets('x'.repeat(32)).sign('tG1', { userId: 'oAlice', memberId: 'gAlice' }),
        tickets.sign('tG1', { userId: 'oAlice', memberId: 'gOther' }),
        'forged',
      ]) {
        expect(await exchangeTickets(stale, () => identity(tickets).caller('cid', 'oAlice'))).toMatchObject({
          result: { ok: true },
          issued: aliceTicket,
        });
      }
      expect(reads.count).toBe(4);
    });

    it('issues nothing without a key, nor outside a call', async () => {
      expect(await exchangeTickets(aliceTicket, () => identity().caller('cid', 'oAlice'))).toMatchObject({
        result: { ok: true },
        issued: null,
      });
      const reads = counted();
      expect(await identity(tickets).caller('cid', 'oAlice')).toMatchObject({ ok: true });
      expect(reads.count).toBe(1);
    });
  });
});
