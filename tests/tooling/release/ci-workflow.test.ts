// The release path in .github/workflows/ci.yml: the upload key reaches only the steps that upload, no dependency's
// install script runs beside it, the upload waits for a release tag through the protected environment, and the
// workflow's token can only read. Parsed as YAML, so a comment or a reordering cannot fool it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

// js-yaml comes with jest (through its coverage loader); resolved from there so hoisting cannot move it.
const { load } = createRequire(createRequire(__filename).resolve('@istanbuljs/load-nyc-config'))('js-yaml') as {
  load: (text: string) => unknown;
};

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push?: { tags?: string[] } };
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = load(fs.readFileSync(path.join(root, '.github/workflows/ci.yml'), 'utf8')) as Workflow;
const SECRET = /\$\{\{\s*secrets\./;
const RELEASE_CLI = 'node_modules/.bin/tsx scripts/release/cli.ts';

/** The step's environment variables that hold a secret. */
const secretVariables = (step: Step): string[] =>
  Object.entries(step.env ?? {})
    .filter(([, value]) => SECRET.test(String(value)))
    .map(([name]) => name);

test('the workflow token can only read', () => {
  expect(workflow.permissions).toEqual({ contents: 'read' });
  for (const job of Object.values(workflow.jobs)) {
    for (const access of Object.values(job.permissions ?? {})) expect(['read', 'none']).toContain(access);
  }
});

test('secrets are only in the environment of the steps that use them, never in a job, a command or an input', () => {
  expect(JSON.stringify(workflow.env ?? {})).not.toMatch(SECRET);
  for (const job of Object.values(workflow.jobs)) {
    expect(JSON.stringify(job.env ?? {})).not.toMatch(SECRET);
    for (const step of job.steps) {
      expect(step.run ?? '').not.toMatch(SECRET);
      expect(JSON.stringify(step.with ?? {})).not.toMatch(SECRET);
      expect(step.if ?? '').not.toMatch(SECRET);
      for (const variable of secretVariables(step)) {
        // Used: the step tests the variable itself, or runs the release script, which reads it.
        const run = step.run ?? '';
        expect(run.includes(`$${variable}`) || run.startsWith(RELEASE_CLI)).toBe(true);
      }
    }
  }
  expect(workflow.jobs.test!.steps.flatMap(secretVariables)).toEqual([]);
});

test('no step that holds a secret installs, builds or runs anything but the release script', () => {
  for (const job of Object.values(workflow.jobs)) {
    for (const step of job.steps.filter((candidate) => secretVariables(candidate).length > 0)) {
      expect(step.uses).toBeUndefined();
      const run = step.run ?? '';
      expect(run).not.toMatch(/\bnpm\b|\bnpx\b|\byarn\b|\bpnpm\b/);
      const commands = run.split('\n').filter((line) => line.trim() !== '');
      for (const command of commands)
        expect(command.startsWith(RELEASE_CLI) || !/\bnode\b|tsx/.test(command)).toBe(true);
    }
  }
});

test('the upload job installs without install scripts and builds by name', () => {
  const runs = workflow.jobs.upload!.steps.map((step) => step.run ?? '');
  const installs = runs.filter((run) => /\bnpm (ci|install|i)\b/.test(run));
  expect(installs).toEqual(['npm ci --ignore-scripts --no-audit --no-fund']);
  expect(runs).toContain('npm run build');
  expect(runs.indexOf('npm run build')).toBeGreaterThan(runs.indexOf(installs[0]!));
});

test('the upload runs for a release tag on the default branch, after the tests, in the protected environment', () => {
  const upload = workflow.jobs.upload!;
  expect(upload.needs).toBe('test');
  expect(upload.environment === 'release' || (upload.environment as { name?: string })?.name === 'release').toBe(true);
  expect(upload.if).toBe("github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')");
  expect(workflow.on.push?.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
  // The tag's commit must be on the default branch, and the tag must be package.json's version, before any
  // dependency is installed or any secret is read.
  const guard = upload.steps.findIndex((step) => /git merge-base --is-ancestor "\$GITHUB_SHA"/.test(step.run ?? ''));
  expect(guard).toBeGreaterThan(-1);
  expect(upload.steps[guard]!.run).toMatch(/"\$GITHUB_REF_NAME" != "v\$version"/);
  const firstInstall = upload.steps.findIndex((step) => /\bnpm ci\b/.test(step.run ?? ''));
  const firstSecret = upload.steps.findIndex((step) => secretVariables(step).length > 0);
  expect(guard).toBeLessThan(firstInstall);
  expect(guard).toBeLessThan(firstSecret);
});

test('checkouts leave no token behind for later steps', () => {
  for (const job of Object.values(workflow.jobs)) {
    for (const step of job.steps.filter((candidate) => candidate.uses?.startsWith('actions/checkout'))) {
      expect(step.with?.['persist-credentials']).toBe(false);
    }
  }
});

test('.ci/run still installs everything (scripts included, no secret there) and runs the tests', () => {
  const commands = fs
    .readFileSync(path.join(root, '.ci/run'), 'utf8')
    .split('\n')
    .filter((line) => /^npm /.test(line));
  expect(commands).toEqual(['npm ci', 'npm test']);
});
