// The kit's part of the upgrade to the neutral names: a member's fields, a list of them, the card record's marks,
// the member binding. Each renamed field, what is left as it is, idempotence, and what is in neither layout.
import {
  upgradeBindingDocument,
  upgradeCardShown,
  upgradeMember,
  upgradeMembers,
} from '../../../kit/server/neutral-names';

const refusal = (answer: { ok: boolean; error?: { code: string; message: string } }) =>
  answer.ok ? 'ok' : `${answer.error!.code}: ${answer.error!.message}`;

describe('upgradeMember', () => {
  it('renames openid to userId and groupOpenid to memberId, keeping every other field and the values', () => {
    expect(upgradeMember({ openid: 'o1', groupOpenid: 'g1', at: 5, note: 'hi' }, 'entry')).toEqual({
      ok: true,
      data: { userId: 'o1', memberId: 'g1', at: 5, note: 'hi' },
    });
  });

  it('answers null for a member in the new names, also after an upgrade', () => {
    expect(upgradeMember({ userId: 'o1', memberId: 'g1', at: 5 }, 'entry')).toEqual({ ok: true, data: null });
    const upgraded = upgradeMember({ openid: 'o1', groupOpenid: 'g1' }, 'entry');
    expect(upgraded.ok && upgradeMember(upgraded.data, 'entry')).toEqual({ ok: true, data: null });
  });

  const neither = 'creator has neither { userId, memberId } nor { openid, groupOpenid }';
  const both = 'creator holds both { userId, memberId } and { openid, groupOpenid }';
  it.each([
    ['not an object', 'o1', 'creator is not an object'],
    ['a list', ['o1', 'g1'], 'creator is not an object'],
    ['no ids', { at: 5 }, neither],
    ['half the old names', { openid: 'o1' }, neither],
    ['an empty id', { openid: 'o1', groupOpenid: '' }, neither],
    ['half the new names', { userId: 'o1' }, 'creator: userId and memberId must both be non-empty strings'],
    ['both layouts', { openid: 'o1', groupOpenid: 'g1', userId: 'o1', memberId: 'g1' }, both],
    ['the layouts mixed', { openid: 'o1', memberId: 'g1' }, both],
  ])('reports %s as unreadable, never guessing', (_, value, message) => {
    expect(refusal(upgradeMember(value, 'creator'))).toBe(`UNREADABLE: ${message}`);
  });
});

describe('upgradeMembers', () => {
  it('upgrades each entry on its own: a list the new version appended to holds both layouts', () => {
    const list = [
      { openid: 'o1', groupOpenid: 'g1', at: 1 },
      { userId: 'o2', memberId: 'g2', at: 2, note: 'n' },
      { openid: 'o3', groupOpenid: 'g3', at: 3, note: '' },
    ];
    expect(upgradeMembers(list, 'participants')).toEqual({
      ok: true,
      data: [
        { userId: 'o1', memberId: 'g1', at: 1 },
        { userId: 'o2', memberId: 'g2', at: 2, note: 'n' },
        { userId: 'o3', memberId: 'g3', at: 3, note: '' },
      ],
    });
  });

  it('answers null for a list in the new names and for an empty one', () => {
    expect(upgradeMembers([{ userId: 'o1', memberId: 'g1', at: 1 }], 'waitlist')).toEqual({ ok: true, data: null });
    expect(upgradeMembers([], 'waitlist')).toEqual({ ok: true, data: null });
  });

  it('names the entry in neither layout, and a list that is none', () => {
    const list = [{ openid: 'o1', groupOpenid: 'g1', at: 1 }, { at: 2 }];
    expect(refusal(upgradeMembers(list, 'waitlist'))).toBe(
      'UNREADABLE: waitlist[1] has neither { userId, memberId } nor { openid, groupOpenid }',
    );
    expect(refusal(upgradeMembers({ 0: {} }, 'waitlist'))).toBe('UNREADABLE: waitlist is not a list');
  });
});

describe('upgradeCardShown', () => {
  const shown = { state: 1, settled: true, endSent: false, version: 4 };

  it('renames doneGroupOpenids to doneMemberIds, keeping the rest of the record', () => {
    expect(upgradeCardShown({ ...shown, doneGroupOpenids: ['g1', 'g2'] }, 'card.shown')).toEqual({
      ok: true,
      data: { ...shown, doneMemberIds: ['g1', 'g2'] },
    });
  });

  it('joins both lists when the new version marked someone on the old record: the card never un-marks', () => {
    const both = { ...shown, doneGroupOpenids: ['g1', 'g2'], doneMemberIds: ['g3', 'g1'] };
    expect(upgradeCardShown(both, 'card.shown')).toEqual({
      ok: true,
      data: { ...shown, doneMemberIds: ['g1', 'g2', 'g3'] },
    });
  });

  it('answers null for a record in the new names', () => {
    expect(upgradeCardShown({ ...shown, doneMemberIds: [] }, 'card.shown')).toEqual({ ok: true, data: null });
  });

  it.each([
    ['no marks at all', shown, 'card.shown has neither doneMemberIds nor doneGroupOpenids'],
    ['marks that are not ids', { ...shown, doneGroupOpenids: [1] }, 'card.shown.doneGroupOpenids is not a list of ids'],
    ['new marks that are not ids', { ...shown, doneMemberIds: 'g1' }, 'card.shown.doneMemberIds is not a list of ids'],
    ['no record', null, 'card.shown is not an object'],
  ])('reports %s as unreadable', (_, value, message) => {
    expect(refusal(upgradeCardShown(value, 'card.shown'))).toBe(`UNREADABLE: ${message}`);
  });
});

describe('upgradeBindingDocument', () => {
  const old = { _id: 'r1:g1', roomId: 'r1', groupOpenid: 'g1', openid: 'o1', boundAt: 7 };

  it('keeps the _id, the room and the time, and renames the ids', () => {
    expect(upgradeBindingDocument(old)).toEqual({
      ok: true,
      data: { _id: 'r1:g1', roomId: 'r1', memberId: 'g1', userId: 'o1', boundAt: 7 },
    });
  });

  it('keeps a field it does not know, the store revision of a raw read included', () => {
    const upgraded = upgradeBindingDocument({ ...old, _rev: 3, pinned: { openid: 'x' } });
    expect(upgraded.ok && upgraded.data).toEqual({
      _id: 'r1:g1',
      roomId: 'r1',
      memberId: 'g1',
      userId: 'o1',
      boundAt: 7,
      _rev: 3,
      pinned: { openid: 'x' },
    });
  });

  it('is idempotent', () => {
    const upgraded = upgradeBindingDocument(old);
    expect(upgraded.ok && upgraded.data !== null && upgradeBindingDocument(upgraded.data)).toEqual({
      ok: true,
      data: null,
    });
  });

  it('reports a binding in neither layout with its _id', () => {
    expect(refusal(upgradeBindingDocument({ _id: 'r1:g1', roomId: 'r1', boundAt: 7 }))).toBe(
      'UNREADABLE: binding r1:g1 has neither { userId, memberId } nor { openid, groupOpenid }',
    );
  });
});
