import path from 'node:path';
import { DEFAULT_PORT, parseArgs } from '../../simulator/cli';

const root = '/repo';

describe('npm start options', () => {
  test('defaults: port 5230, database under .simulator, watching, opening a browser unless CI', () => {
    expect(parseArgs([], {}, root)).toEqual({
      root,
      port: DEFAULT_PORT,
      databaseFile: path.join(root, '.simulator', 'tasks.sqlite'),
      watch: true,
      open: true,
    });
    expect(parseArgs([], { CI: 'true' }, root).open).toBe(false);
  });

  test('port from SIMULATOR_PORT or --port; other flags', () => {
    expect(parseArgs([], { SIMULATOR_PORT: '8080' }, root).port).toBe(8080);
    expect(parseArgs(['--port', '0', '--no-watch', '--no-open', '--db=tmp/x.sqlite'], {}, root)).toMatchObject({
      port: 0,
      watch: false,
      open: false,
      databaseFile: path.join(root, 'tmp/x.sqlite'),
    });
  });

  test('bad input is refused with a clear message', () => {
    expect(() => parseArgs(['--port', 'x'], {}, root)).toThrow('invalid port: NaN');
    expect(() => parseArgs(['--verbose'], {}, root)).toThrow('unknown option --verbose');
  });
});
