// The task page through the real WeChat adapter: before each test the clock at NOW and a fake task service that
// answers reminders; after each, the page it opened unloaded and unmounted.
import type { Mounted, MountOptions } from '../../harness/glass-easel';
import { useTaskService } from '../../../packageChatTool/services/task-service';
import { fakeTaskService, type FakeTaskService } from './fakes';
import { openPage } from './glass-easel';
import { NOW, reminder } from './samples';

const PAGE = 'packageChatTool/pages/task/index';

export interface TaskPageTests {
  /** This test's fake service. */
  service(): FakeTaskService;
  /** Opens the task page on task t1 (the wx mock and the WeChat adapter are the test's to install first). */
  open(options?: MountOptions): Promise<Mounted>;
}

export function taskPageTests(): TaskPageTests {
  let service = fakeTaskService();
  let page: Mounted | null = null;
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
    service = fakeTaskService();
    service.pendingMembers.mockResolvedValue({ ok: true, data: reminder() });
    useTaskService(service);
  });
  afterEach(() => {
    page?.callMethod('onUnload');
    page?.unmount();
    page = null;
    jest.restoreAllMocks();
  });
  return {
    service: () => service,
    open: async (options = {}) => (page = await openPage(PAGE, { taskId: 't1' }, options)),
  };
}
