/**
 * @jest-environment jsdom
 */
import { mountGlassEasel } from './glass-easel';

describe('glass-easel harness (real engine in jsdom)', () => {
  test('runs a chaining-API component and re-renders on tap', () => {
    const counter = mountGlassEasel('tests/fixtures/harness/chain-counter/index', { properties: { step: 2 } });
    expect(counter.text('.count')).toBe('0');
    counter.tap('.increment');
    counter.tap('.increment');
    expect(counter.text('.count')).toBe('4');
    expect(counter.instance.data.count).toBe(4);
    counter.unmount();
  });

  test('model: binding writes typed text back into page data', () => {
    const form = mountGlassEasel('tests/fixtures/harness/model-form/index');
    expect(form.text('.echo')).toBe('draft');
    expect(form.attribute('.title', 'aria-label')).toBe('Title');
    form.type('.title', 'Team dinner');
    expect(form.instance.data.title).toBe('Team dinner');
    expect(form.text('.echo')).toBe('Team dinner');
  });

  test('slot:index passes each member index to the slot content, and usingComponents load', () => {
    const list = mountGlassEasel('tests/fixtures/harness/member-list/index', {
      memberNames: { 'gid-a': 'Alice', 'gid-b': 'Bob' },
    });
    const members = list.queryAll('.member');
    expect(members).toHaveLength(3);
    expect(list.text('.list')).toBe('#1Alice#2Bob#3gid-c');
    expect(list.text('.member >>> .badge')).toBe('#1');
  });

  test('names the missing selector', () => {
    const counter = mountGlassEasel('tests/fixtures/harness/chain-counter/index');
    expect(() => counter.tap('.nope')).toThrow('nothing matches ".nope"');
  });
});
