import path from 'node:path';
import { READING_PROFILES } from '../../emulator/readings';
import { DEFAULT_PORT, parseArgs } from '../../simulator/cli';

const root = '/repo';

describe('npm start options', () => {
  test('defaults: port 5230, database under .simulator, watching, opening a browser unless CI', () => {
    expect(parseArgs([], {}, root)).toEqual({
      root,
      port: DEFAULT_PORT,
      databaseFile: path.join(root, '.simulator', 'database.sqlite'),
      watch: true,
      open: true,
      readings: READING_PROFILES.documented,
      platform: 'wechat',
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

  test('the WeChat readings from WECHAT_READINGS or --readings', () => {
    expect(parseArgs([], { WECHAT_READINGS: 'alternate' }, root).readings).toEqual(READING_PROFILES.alternate);
    expect(parseArgs(['--readings', 'alternate,afterExpiry=refused'], {}, root).readings).toEqual({
      ...READING_PROFILES.alternate,
      afterExpiry: 'refused',
    });
    expect(() => parseArgs(['--readings=lenient'], {}, root)).toThrow(/unknown readings profile "lenient"/);
  });

  test('the platform from SIMULATOR_PLATFORM or --platform; an unknown one is refused', () => {
    expect(parseArgs([], { SIMULATOR_PLATFORM: 'wecom' }, root).platform).toBe('wecom');
    expect(parseArgs(['--platform', 'feishu'], { SIMULATOR_PLATFORM: 'wecom' }, root).platform).toBe('feishu');
    expect(parseArgs(['--platform=wechat'], {}, root).platform).toBe('wechat');
    expect(() => parseArgs(['--platform', 'slack'], {}, root)).toThrow(
      'unknown platform "slack" (known: wechat, wecom, feishu)',
    );
    expect(() => parseArgs(['--platform', 'toString'], {}, root)).toThrow(/unknown platform "toString"/);
  });

  test('bad input is refused with a clear message', () => {
    expect(() => parseArgs(['--port', 'x'], {}, root)).toThrow('invalid port: NaN');
    expect(() => parseArgs(['--verbose'], {}, root)).toThrow('unknown option --verbose');
  });
});
