import { parseUrl } from '../../../simulator/shared/url';

describe('page URLs', () => {
  test('absolute paths with a decoded query', () => {
    expect(parseUrl('/pkg/pages/task/index?taskId=a%20b&x=1', null)).toEqual({
      route: 'pkg/pages/task/index',
      query: { taskId: 'a b', x: '1' },
    });
  });

  test('relative paths resolve against the current page', () => {
    expect(parseUrl('../create/index', 'pkg/pages/entry/index')).toEqual({
      route: 'pkg/pages/create/index',
      query: {},
    });
    expect(parseUrl('detail?id=3', 'pkg/pages/entry/index')).toEqual({
      route: 'pkg/pages/entry/detail',
      query: { id: '3' },
    });
  });
});
