import { compileTemplates } from '../../../simulator/build/templates';
import type { ProjectFiles } from '../../../simulator/build/app-json';

const files = (map: Record<string, string>): ProjectFiles => ({ read: (f) => map[f] ?? null });

describe('template compilation', () => {
  test('follows import, include and wxs (also wxs require) into one template group', () => {
    const out = compileTemplates(
      files({
        'p/index.wxml':
          '<import src="./tpl.wxml"/><include src="/shared/head"/><wxs module="f" src="../utils/f.wxs"/><template is="row" data="{{x: f.double(2)}}"/>',
        'p/tpl.wxml': '<template name="row"><text>{{x}}</text></template>',
        'shared/head.wxml': '<view>head</view>',
        'utils/f.wxs':
          'var g = require("./g.wxs"); module.exports = { double: function (n) { return g.times(n, 2); } };',
        'utils/g.wxs': 'module.exports = { times: function (a, b) { return a * b; } };',
      }),
      [{ path: 'p/index', usingTags: new Set() }],
    );
    expect(out.files.sort()).toEqual(['p/index.wxml', 'p/tpl.wxml', 'shared/head.wxml', 'utils/f.wxs', 'utils/g.wxs']);
    const groups = new Function(`return ${out.groupsCode}`)() as Record<string, unknown>;
    expect(Object.keys(groups)).toEqual(expect.arrayContaining(['p/index', 'p/tpl', 'shared/head']));
  });

  test('a WXML syntax error names the file and its line', () => {
    expect(() =>
      compileTemplates(files({ 'p/index.wxml': '<view>\n  <text>{{ a + }}</text>\n</view>' }), [
        { path: 'p/index', usingTags: new Set() },
      ]),
    ).toThrow(/^p\/index\.wxml:2:\d+ wxml: /);
  });

  test('a missing import names the template that imports it', () => {
    expect(() =>
      compileTemplates(files({ 'p/index.wxml': '<import src="./gone.wxml"/>' }), [
        { path: 'p/index', usingTags: new Set() },
      ]),
    ).toThrow('p/index.wxml:1:1 wxml: template not found: p/gone.wxml');
  });
});
