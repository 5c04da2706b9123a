import { tokenizeWxml } from '../../scripts/wxml-tokens';

describe('the shared WXML tokenizer', () => {
  test('gives each tag its name offsets, its attributes with theirs, and whether it closed itself', () => {
    expect(tokenizeWxml('<view id="a" scroll-y><input/></view>')).toEqual([
      {
        kind: 'open',
        name: 'view',
        start: 1,
        end: 5,
        attributes: [
          { name: 'id', start: 6, value: 'a' },
          { name: 'scroll-y', start: 13, value: null },
        ],
        selfClosing: false,
      },
      { kind: 'open', name: 'input', start: 23, end: 28, attributes: [], selfClosing: true },
      { kind: 'close', name: 'view', start: 32, end: 36 },
    ]);
  });

  test('a `>` inside an unquoted expression value or a stray quoted string does not end the tag', () => {
    const [view, text] = tokenizeWxml(`<view hidden={{ a > b }} "x > y" class='c'><text/></view>`);
    expect(view).toMatchObject({
      name: 'view',
      attributes: [
        { name: 'hidden', value: '{{ a > b }}' },
        { name: 'class', value: 'c' },
      ],
    });
    expect(text).toMatchObject({ kind: 'open', name: 'text' });
  });
});
