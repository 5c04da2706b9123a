/**
 * @jest-environment jsdom
 */
import { mountGlassEasel } from '../../../harness/glass-easel';

test('renders one avatar and nickname per member through open-data-list, and the note each member wrote', () => {
  const list = mountGlassEasel('packageChatTool/components/member-list/index', {
    properties: {
      members: [
        { memberId: 'g-a', at: 1, note: '' },
        { memberId: 'g-b', at: 2, note: '+2，素食' },
      ],
      label: '已参与的成员',
    },
    memberNames: { 'g-a': '小明', 'g-b': 'Bob' },
  });
  const members = list.queryAll('.member');
  expect(members).toHaveLength(2);
  expect(list.text('.member')).toBe('avatar:g-a小明');
  expect(list.queryAll('.note')).toHaveLength(1);
  expect(list.text('.note')).toBe('+2，素食');
  expect(list.attribute('.members', 'aria-role')).toBe('list');
  expect(list.attribute('.members', 'aria-label')).toBe('已参与的成员');
});

test('renders nothing for an empty list', () => {
  const list = mountGlassEasel('packageChatTool/components/member-list/index', { properties: { members: [] } });
  expect(list.queryAll('.member')).toHaveLength(0);
});

test("takes plain group_openids too (the create page's chosen members), with no note", () => {
  const list = mountGlassEasel('packageChatTool/components/member-list/index', {
    properties: { members: ['g-a', 'g-b'] },
    memberNames: { 'g-a': '小明', 'g-b': 'Bob' },
  });
  expect(list.queryAll('.member')).toHaveLength(2);
  expect(list.text('.member')).toBe('avatar:g-a小明');
  expect(list.queryAll('.note')).toHaveLength(0);
});
