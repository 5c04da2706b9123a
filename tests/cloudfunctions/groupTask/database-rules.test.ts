// The database security rules keep every collection the function uses closed to clients: all reads and
// writes go through the cloud function, which checks identity itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOM_MEMBERS, TASKS } from '../../../cloudfunctions/groupTask/src/task-store';

describe('database security rules', () => {
  const rules: unknown = JSON.parse(
    readFileSync(join(__dirname, '../../../cloudfunctions/groupTask/database.rules.json'), 'utf8'),
  );

  it('cover exactly the collections the store uses, and let clients read and write nothing', () => {
    expect(rules).toEqual({
      [TASKS]: { read: false, write: false },
      [ROOM_MEMBERS]: { read: false, write: false },
    });
  });
});
