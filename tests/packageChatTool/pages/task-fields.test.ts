// Every task field (core/task-fields.ts) reaches both pages: the create page has its anchor (where its input and
// its errors are) and the task page shows it. A field added to task-fields.ts fails here until both pages have it;
// the compiler names the form (draftOf) and the texts (fields). docs/customize.md, "Add a field".
import path from 'node:path';
import { TASK_FIELD_NAMES } from '../../../packageChatTool/core/task-fields';
import { fieldMarkers } from './field-markers';

const ROOT = path.resolve(__dirname, '../../..');

test.each(fieldMarkers(ROOT, TASK_FIELD_NAMES).map((page) => [page.file, page]))(
  '%s marks every task field, and only task fields',
  (_, page) => {
    expect(page.missing).toEqual([]);
    expect(page.unknown).toEqual([]);
  },
);
