// Member tickets: a signature over one binding that only the key's holder can make, the same every time, and one
// exchange per call however many calls an instance serves at once.
import {
  currentExchange,
  exchangeTickets,
  memberTickets,
  sameTicket,
  TICKET_KEY_MIN_LENGTH,
  TICKET_KEY_VARIABLE,
  ticketsFrom,
} from '../../../kit/server/member-tickets';

const KEY = 'k'.repeat(TICKET_KEY_MIN_LENGTH);
const alice = { userId: 'oAlice', memberId: 'gAlice' };

describe('member tickets', () => {
  it('sign one binding: the same for the same key, different when the room, group_openid, userId or key differ', () => {
    const tickets = memberTickets(KEY);
    const ticket = tickets.sign('tG1', alice);
    expect(ticket).toMatch(/^[\w-]{43}$/);
    expect(memberTickets(KEY).sign('tG1', alice)).toBe(ticket);
    const others = [
      tickets.sign('tG2', alice),
      tickets.sign('tG1', { ...alice, memberId: 'gBob' }),
      tickets.sign('tG1', { ...alice, userId: 'oBob' }),
      memberTickets(`${KEY}x`).sign('tG1', alice),
    ];
    expect(new Set([ticket, ...others]).size).toBe(5);
  });

  it('compares a presented ticket in full, and only a string', () => {
    const ticket = memberTickets(KEY).sign('tG1', alice);
    expect(sameTicket(ticket, ticket)).toBe(true);
    expect(sameTicket(ticket.slice(0, -1), ticket)).toBe(false);
    expect(sameTicket(`${ticket}=`, ticket)).toBe(false);
    for (const presented of [undefined, null, 42, { ticket }, [ticket]])
      expect(sameTicket(presented, ticket)).toBe(false);
  });

  it('are off without a key and with a short one (which is logged), on with a long one', () => {
    const logged: string[] = [];
    const log = (message: string) => void logged.push(message);
    expect(ticketsFrom({}, log)).toBeNull();
    expect(ticketsFrom({ [TICKET_KEY_VARIABLE]: '  ' }, log)).toBeNull();
    expect(logged).toEqual([]);
    expect(ticketsFrom({ [TICKET_KEY_VARIABLE]: KEY.slice(1) }, log)).toBeNull();
    expect(logged).toEqual([
      `${TICKET_KEY_VARIABLE} is shorter than ${TICKET_KEY_MIN_LENGTH} characters: member tickets are off`,
    ]);
    expect(ticketsFrom({ [TICKET_KEY_VARIABLE]: ` ${KEY} ` }, log)?.sign('tG1', alice)).toBe(
      memberTickets(KEY).sign('tG1', alice),
    );
  });

  it('keep each call its own exchange while calls overlap', async () => {
    expect(currentExchange()).toBeUndefined();
    const call = (presented: string, wait: number) =>
      exchangeTickets(presented, async () => {
        await new Promise((resolve) => setTimeout(resolve, wait));
        const exchange = currentExchange()!;
        exchange.issued = `for ${String(exchange.presented)}`;
        return exchange.presented;
      });
    const answers = await Promise.all([call('a', 20), call('b', 0), call('c', 10)]);
    expect(answers).toEqual([
      { result: 'a', issued: 'for a' },
      { result: 'b', issued: 'for b' },
      { result: 'c', issued: 'for c' },
    ]);
    expect(currentExchange()).toBeUndefined();
  });
});
