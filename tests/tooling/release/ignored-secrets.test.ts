// Upload keys and env files never reach a commit: git itself says which paths .gitignore keeps out.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** The paths git would ignore, of those given (none need exist). */
function ignored(paths: string[]): string[] {
  try {
    return execFileSync('git', ['check-ignore', '--no-index', ...paths], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    // Exit status 1: none of them is ignored.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

test('private keys and env files are ignored wherever they are', () => {
  const secrets = [
    'private.key',
    'private.wx0123456789abcdef.key',
    'keys/upload.key',
    'cloudfunctions/groupTask/private.key',
    '.env',
    '.env.local',
    '.env.production',
    'examples/poll/.env',
  ];
  expect(ignored(secrets)).toEqual(secrets);
});

test('the example env file and the project files stay tracked', () => {
  expect(
    ignored(['.env.example', 'package.json', 'project.config.json', 'cloudfunctions/groupTask/config.json']),
  ).toEqual([]);
});
