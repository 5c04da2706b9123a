// Where each task field (core/task-fields.ts) must appear on the pages: the create page anchors it as
// `id="field-<name>"` (its input and its errors), the task page shows it in an element marked `data-field`.
import fs from 'node:fs';
import path from 'node:path';

const CREATE_ANCHOR = /\bid="field-([\w-]+)"/g;
const SHOWN = /\bdata-field="([^"]+)"/g;

/** The names in every match of `attribute` (space-separated lists included). */
function namesIn(wxml: string, attribute: RegExp): Set<string> {
  return new Set([...wxml.matchAll(attribute)].flatMap((match) => match[1]!.split(/\s+/)));
}

const read = (root: string, page: string) =>
  fs.readFileSync(path.join(root, 'packageChatTool', 'pages', page, 'index.wxml'), 'utf8');

/** Per page template, the task fields it lacks and the marked names that are no task field. */
export function fieldMarkers(root: string, fields: readonly string[]) {
  const known = new Set(fields);
  const check = (file: string, names: Set<string>) => ({
    file,
    missing: fields.filter((field) => !names.has(field)),
    unknown: [...names].filter((name) => !known.has(name)),
  });
  return [
    check('packageChatTool/pages/create/index.wxml', namesIn(read(root, 'create'), CREATE_ANCHOR)),
    check('packageChatTool/pages/task/index.wxml', namesIn(read(root, 'task'), SHOWN)),
  ];
}
