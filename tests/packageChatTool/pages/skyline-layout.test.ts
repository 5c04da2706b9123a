/**
 * @jest-environment jsdom
 */
// Skyline is not a browser (docs/platform.md, "Skyline"): `white-space: pre-wrap` is ignored, `text-overflow`
// works only on <text>, z-index orders siblings only, and with defaultDisplayBlock a container stacks its
// children. jsdom lays nothing out, so these tests check the structure Skyline needs.
import fs from 'node:fs';
import path from 'node:path';
import * as glassEasel from 'glass-easel';
import postcss from 'postcss';
import { mountGlassEasel, projectRoot, type Mounted } from '../../harness/glass-easel';
import { installFakes, type FakeTaskService } from '../helpers/fakes';
import { openPage } from '../helpers/glass-easel';
import { NOW, summary, tasks, taskView } from '../helpers/samples';

let service: FakeTaskService;
const mounted: Mounted[] = [];

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  ({ service } = installFakes());
});

afterEach(() => {
  for (const page of mounted.splice(0)) {
    if (glassEasel.Component.getMethod(page.component, 'onUnload')) page.callMethod('onUnload');
    page.unmount();
  }
  jest.restoreAllMocks();
});

async function open(pagePath: string, query: Record<string, string> = {}): Promise<Mounted> {
  const page = await openPage(pagePath, query);
  mounted.push(page);
  return page;
}

const domOf = (element: glassEasel.Element): Element => element.getBackendElement() as unknown as Element;
const tagOf = (element: glassEasel.Element): string => domOf(element).tagName.toLowerCase().replace(/^wx-/, '');

/** The declarations of `selector` in a WXSS file of the chat tool. */
function declarations(file: string, selector: string): Record<string, string> {
  const found: Record<string, string> = {};
  postcss.parse(fs.readFileSync(path.join(projectRoot, 'packageChatTool', file), 'utf8')).walkRules((rule) => {
    if (!rule.selectors.includes(selector)) return;
    rule.walkDecls((decl) => {
      found[decl.prop] = decl.value;
    });
  });
  return found;
}

/** Every declaration of `property` in the chat tool's own WXSS files, as "file: value". */
function everyDeclaration(property: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'miniprogram_npm') walk(file);
      else if (entry.name.endsWith('.wxss')) {
        postcss.parse(fs.readFileSync(file, 'utf8')).walkDecls(property, (decl) => {
          found.push(`${path.relative(projectRoot, file)}: ${decl.value}`);
        });
      }
    }
  };
  walk(path.join(projectRoot, 'packageChatTool'));
  return found;
}

describe('descriptions keep their line breaks', () => {
  test('each typed line is its own block, an empty line included', async () => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView({ description: '早上八点集合\n\n带水 2 瓶' }) });
    const page = await open('packageChatTool/pages/task/index', { taskId: 't1' });
    const lines = page.queryAll('.description .description-line').map((line) => domOf(line).textContent ?? '');
    expect(lines).toEqual(['早上八点集合', '', '带水 2 瓶']);
  });

  test('no style relies on white-space keeping them', () => {
    expect(everyDeclaration('white-space').filter((found) => !/: (normal|nowrap)$/.test(found))).toEqual([]);
  });
});

describe('long titles end in "…"', () => {
  test('the task title is a <text> that ellipsizes', async () => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    const page = await open('packageChatTool/pages/task/index', { taskId: 't1' });
    const title = page.get('.task-title');
    expect(tagOf(title)).toBe('text');
    expect(page.attribute('.task-title', 'overflow')).toBe('ellipsis');
    expect(page.attribute('.task-title', 'max-lines')).toBe('2');
  });

  test('each title in the entry list is a one-line <text> that ellipsizes', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary()]) });
    const page = await open('packageChatTool/pages/entry/index');
    expect(page.text('.task-title')).toBe('周六爬山');
    expect(tagOf(page.get('.task-title'))).toBe('text');
    expect(page.attribute('.task-title', 'overflow')).toBe('ellipsis');
    expect(page.attribute('.task-title', 'max-lines')).toBe('1');
  });

  test("the navigation bar's title is a one-line <text> that ellipsizes", () => {
    const bar = mountGlassEasel('packageChatTool/components/nav-bar/index', { properties: { title: '任务详情' } });
    mounted.push(bar);
    expect(tagOf(bar.get('.title'))).toBe('text');
    expect(bar.attribute('.title', 'overflow')).toBe('ellipsis');
    expect(bar.attribute('.title', 'max-lines')).toBe('1');
  });

  test('no style asks a view for text-overflow', () => {
    expect(everyDeclaration('text-overflow')).toEqual([]);
  });
});

describe('the error banner paints above the cards', () => {
  // Skyline paints later siblings over earlier ones; the banner's z-index does not lift it out of its place.
  test.each([
    ['create', {}],
    ['task', { taskId: 't1' }],
  ])('on the %s page it comes after the scroll view', async (name, query) => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    const page = await open(`packageChatTool/pages/${name}/index`, query);
    const scroll = domOf(page.get('.scroll'));
    const banner = domOf(page.get('.toptips'));
    expect(scroll.parentNode).toBe(banner.parentNode);
    expect(scroll.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('member avatars sit in a grid', () => {
  test('open-data-list itself lays out its members in wrapping rows', () => {
    const list = mountGlassEasel('packageChatTool/components/member-list/index', {
      properties: { members: ['g-a', 'g-b', 'g-c'], label: '已参与的成员' },
    });
    mounted.push(list);
    const grid = list.get('.grid');
    expect(glassEasel.Component.isComponent(grid) && grid.is).toBe('open-data-list');
    expect(list.queryAll('.grid .member')).toHaveLength(3);
    expect(declarations('components/member-list/index.wxss', '.grid')).toMatchObject({
      display: 'flex',
      'flex-direction': 'row',
      'flex-wrap': 'wrap',
    });
  });
});
