import { renameBuiltinTags, tokenizeTagNames } from '../../../simulator/build/wxml-tags';

describe('WXML tag rename', () => {
  test('renames built-in tags, open and close, and leaves custom components and keywords alone', () => {
    const src =
      '<view class="a"><button type="primary">Go</button><mp-dialog/><block wx:if="{{x}}"><text>t</text></block></view>';
    expect(renameBuiltinTags(src)).toBe(
      '<wx-view class="a"><wx-button type="primary">Go</wx-button><mp-dialog/><block wx:if="{{x}}"><wx-text>t</wx-text></block></wx-view>',
    );
  });

  test('text, attribute values and expressions that look like tags are untouched', () => {
    const src = `<view title="<view>" data-x='{{ a < b ? "<text>" : "" }}'>a < b {{ c <view> d }}</view>`;
    expect(renameBuiltinTags(src)).toBe(
      `<wx-view title="<view>" data-x='{{ a < b ? "<text>" : "" }}'>a < b {{ c <view> d }}</wx-view>`,
    );
  });

  test('comments and <wxs> bodies are not parsed as markup', () => {
    const src = '<!-- <view> --><wxs module="m">var s = "<view>"; module.exports = { lt: 1<2 };</wxs><input/>';
    expect(renameBuiltinTags(src)).toBe(
      '<!-- <view> --><wxs module="m">var s = "<view>"; module.exports = { lt: 1<2 };</wxs><wx-input/>',
    );
  });

  test('a component that declares a built-in name in usingComponents keeps its own', () => {
    expect(renameBuiltinTags('<button/><view/>', new Set(['button']))).toBe('<button/><wx-view/>');
  });

  test('keeps line structure so compiler errors point at the source line', () => {
    const src = '<view>\n  <text>a</text>\n</view>';
    expect(renameBuiltinTags(src).split('\n')).toHaveLength(3);
  });

  test('reports names with their offsets', () => {
    expect(tokenizeTagNames('<a-b x="1"></a-b>')).toEqual([
      { kind: 'open', name: 'a-b', start: 1, end: 4 },
      { kind: 'close', name: 'a-b', start: 13, end: 16 },
    ]);
  });
});
