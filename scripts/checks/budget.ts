// Size budget of the chat-tool subpackage: the bytes of every compiled file under its root (its own
// miniprogram_npm included), from the offline compile with upload's settings, in KiB (1,024 bytes). The
// budget lives in budget.json only.
import fs from 'node:fs';
import path from 'node:path';
import { readAppJson } from './files';
import { result, type CheckResult } from './result';

export const PLATFORM_LIMIT_KB = 500;

export interface Budget {
  chatTool: { maxKB: number };
}

export function readBudget(root: string): Budget {
  const budget = JSON.parse(fs.readFileSync(path.join(root, 'budget.json'), 'utf8')) as Partial<Budget>;
  const maxKB = budget.chatTool?.maxKB;
  if (typeof maxKB !== 'number' || !(maxKB > 0) || maxKB > PLATFORM_LIMIT_KB) {
    throw new Error(`budget.json: chatTool.maxKB must be a number in (0, ${PLATFORM_LIMIT_KB}]`);
  }
  return { chatTool: { maxKB } };
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** The compiled files under the subpackage root, named relative to it. */
function subpackageFiles(files: Record<string, number>, subpackageRoot: string): [string, number][] {
  const prefix = `${subpackageRoot.replace(/\/+$/, '')}/`;
  return Object.entries(files).flatMap(([file, bytes]): [string, number][] =>
    file.startsWith(prefix) ? [[file.slice(prefix.length), bytes]] : [],
  );
}

export function subpackageBytes(files: Record<string, number>, subpackageRoot: string): number {
  return subpackageFiles(files, subpackageRoot).reduce((sum, [, bytes]) => sum + bytes, 0);
}

/** The heaviest compiled files, so whoever trims the package knows where to look first. */
export function largestFiles(files: Record<string, number>, subpackageRoot: string, count = 5): string {
  return subpackageFiles(files, subpackageRoot)
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([file, bytes]) => `${file} ${kib(bytes)} KiB`)
    .join(', ');
}

export function checkBudget(root: string, files: Record<string, number>): CheckResult {
  const name = 'chat-tool size budget';
  let maxKB: number;
  try {
    maxKB = readBudget(root).chatTool.maxKB;
  } catch (error) {
    return result(name, [{ file: 'budget.json', message: (error as Error).message }]);
  }
  const chatTool = readAppJson(root).chatTools?.[0];
  if (!chatTool) return result(name, [{ file: 'app.json', message: 'no chatTools entry to measure' }]);
  const bytes = subpackageBytes(files, chatTool.root);
  const figure = `${chatTool.root}: ${kib(bytes)} KiB (${bytes} bytes) as upload sends it, of the ${maxKB} KiB budget (platform limit ${PLATFORM_LIMIT_KB} KiB)`;
  const problems =
    bytes > maxKB * 1024
      ? [{ file: chatTool.root, message: `${kib(bytes)} KiB is over the ${maxKB} KiB budget in budget.json` }]
      : [];
  return result(name, problems, [figure, `largest: ${largestFiles(files, chatTool.root)}`]);
}
