// The deployment config the cloud reads: openapi permissions (missing → -604101) and the timer trigger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '../../../cloudfunctions/groupTask');
const json = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));

describe('groupTask deployment config', () => {
  it('grants exactly the cloud calls the SDK adapter makes', () => {
    const adapter = readFileSync(join(__dirname, '../../../kit/server/sdk.ts'), 'utf8');
    const called = [...adapter.matchAll(/\bopenapi\.(\w+)\.(\w+)\(/g)].map(([, group, api]) => `${group}.${api}`);
    expect(called).toEqual(
      expect.arrayContaining(['updatableMessage.createActivityId', 'chattoolmsg.send', 'security.msgSecCheck']),
    );
    const config = json('config.json') as { permissions: { openapi: string[] } };
    expect([...config.permissions.openapi].sort()).toEqual([...new Set(called)].sort());
  });

  it('declares one timer trigger with a 7-field cron expression (second minute hour day month week year)', () => {
    const config = json('config.json');
    expect(config).toMatchObject({ triggers: [{ type: 'timer' }] });
    const triggers = (config as { triggers: { name: string; config: string }[] }).triggers;
    expect(triggers).toHaveLength(1);
    expect(triggers[0]?.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/);
    expect(triggers[0]?.config.split(' ')).toHaveLength(7);
  });

  it('installs wx-server-sdk in the cloud and runs the built index.js', () => {
    expect(json('package.json')).toMatchObject({ main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } });
  });
});
