// Every task field (core/task-fields.ts) reaches both pages: the create page has its anchor (where its input and its
// errors are, `id="field-<name>"`) and the task page shows it (an element marked `data-field` with its name). A
// field added to task-fields.ts fails here until both pages have it; the compiler names the form (draftOf) and the
// texts (fields). docs/customize.md, "Add a field".
import fs from 'node:fs';
import path from 'node:path';
import { TASK_FIELD_NAMES } from '../../../packageChatTool/core/task-fields';

const PAGES = path.resolve(__dirname, '../../../packageChatTool/pages');
const read = (page: string) => fs.readFileSync(path.join(PAGES, page, 'index.wxml'), 'utf8');

/** The names in every `attribute="…"` of a template (space-separated lists included). */
function namesIn(wxml: string, attribute: RegExp): Set<string> {
  return new Set([...wxml.matchAll(attribute)].flatMap((match) => match[1]!.split(/\s+/)));
}

test('the create page has an anchor for every task field', () => {
  const anchors = namesIn(read('create'), /\bid="field-([\w-]+)"/g);
  expect(TASK_FIELD_NAMES.filter((field) => !anchors.has(field))).toEqual([]);
});

test('the task page shows every task field', () => {
  const shown = namesIn(read('task'), /\bdata-field="([^"]+)"/g);
  expect(TASK_FIELD_NAMES.filter((field) => !shown.has(field))).toEqual([]);
});

test('the markers name only task fields, so a renamed field is noticed', () => {
  const known = new Set<string>(TASK_FIELD_NAMES);
  const markers = [
    ...namesIn(read('create'), /\bid="field-([\w-]+)"/g),
    ...namesIn(read('task'), /\bdata-field="([^"]+)"/g),
  ];
  expect(markers.filter((name) => !known.has(name))).toEqual([]);
});
