import { changes } from '../../../packageChatTool/view/changes';

describe('changes: what setData needs to send', () => {
  test('nothing when nothing changed', () => {
    const view = { title: 'a', actions: { join: true }, lines: ['x'] };
    expect(changes('view', view, structuredClone(view))).toEqual({});
  });

  test('only the keys that changed, however deep', () => {
    const before = { countdown: '1 h left', actions: { join: true, leave: false }, title: 'a' };
    const after = { countdown: '59 min left', actions: { join: false, leave: false }, title: 'a' };
    expect(changes('view', before, after)).toEqual({ 'view.countdown': '59 min left', 'view.actions.join': false });
  });

  test('an array that grew gets its new indices only', () => {
    expect(changes('lists.participants.pages', [['a', 'b']], [['a', 'b'], ['c']])).toEqual({
      'lists.participants.pages[1]': ['c'],
    });
  });

  test('an array that shrank, a key that went and a first value are sent whole', () => {
    expect(changes('pages', [['a'], ['b']], [['a']])).toEqual({ pages: [['a']] });
    expect(changes('view', { a: 1, b: 2 }, { a: 1 })).toEqual({ view: { a: 1 } });
    expect(changes('view', null, { a: 1 })).toEqual({ view: { a: 1 } });
  });
});
