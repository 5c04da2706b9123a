// Tasks and members for the core tests.
import { newBinding } from 'chat-tool-kit';
import { createTask } from '../../../packageChatTool/core/task';
import type { Member, Task, TaskDraft } from '../../../packageChatTool/core/types';

export const NOW = Date.UTC(2026, 0, 1, 8, 0, 0);
export const HOUR = 60 * 60 * 1000;

export const member = (n: number): Member => ({ userId: `open${n}`, memberId: `group${n}` });
export const creator = member(0);

export function aTask(draft: Partial<TaskDraft> = {}): Task {
  return createTask({
    id: 'task1',
    draft: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' }, ...draft },
    room: { id: 'room1', chatType: 3 },
    creator,
    card: newBinding({ activityId: '1001_abc+/=', expiresAt: NOW + 24 * HOUR }, 1),
    now: NOW,
  });
}
