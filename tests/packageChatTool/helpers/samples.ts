// Realistic server answers for page tests.
import type { CardShare, Reminder, TaskSummary, TaskView } from '../../../packageChatTool/core/api';

export const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const HOUR = 3600 * 1000;

export function summary(overrides: Partial<TaskSummary> = {}): TaskSummary {
  return {
    id: 't1',
    title: '周六爬山',
    kind: 'participate',
    state: 'open',
    deadline: null,
    capacity: null,
    expected: null,
    createdAt: NOW - HOUR,
    done: 2,
    status: 'pending',
    isCreator: false,
    ...overrides,
  };
}

/** The task's creator as the viewer: not in their own audience, with every action a creator has. */
export const CREATOR = {
  isCreator: true,
  groupOpenid: 'g-creator',
  status: 'notInvited',
  can: { join: false, leave: false, remind: true, markClosingSoon: true, end: true, renewCard: true },
} satisfies Partial<TaskView['viewer']>;

export function taskView(overrides: Partial<TaskView> = {}, viewer: Partial<TaskView['viewer']> = {}): TaskView {
  return {
    id: 't1',
    title: '周六爬山',
    description: '早上八点集合',
    kind: 'participate',
    state: 'open',
    chatType: 3,
    creatorGroupOpenid: 'g-creator',
    audience: { kind: 'members', groupOpenids: ['g-alice', 'g-bob', 'g-carol'] },
    capacity: null,
    deadline: NOW + 26 * HOUR,
    participants: [{ groupOpenid: 'g-alice', at: NOW - HOUR }],
    waitlist: [],
    expected: 3,
    card: { activityExpiresAt: NOW + 20 * HOUR, expired: false, inSync: true },
    createdAt: NOW - 2 * HOUR,
    ...overrides,
    viewer: {
      isCreator: false,
      groupOpenid: 'g-bob',
      status: 'pending',
      cardText: '未参与',
      can: { join: true, leave: false, remind: false, markClosingSoon: false, end: false, renewCard: false },
      ...viewer,
    },
  };
}

export function cardShare(overrides: Partial<CardShare> = {}): CardShare {
  return {
    activityId: 'act-1',
    activityExpiresAt: NOW + 24 * HOUR,
    templateId: '2A84254B945674A2F88CE4970782C402795EB607',
    chooseType: 1,
    participant: ['g-alice', 'g-bob'],
    title: '周六爬山',
    path: '/packageChatTool/pages/task/index?taskId=t1',
    ...overrides,
  };
}

export function reminder(overrides: Partial<Reminder> = {}): Reminder {
  return {
    title: '周六爬山',
    members: ['g-bob', 'g-carol'],
    entrancePath: '/packageChatTool/pages/task/index?taskId=t1',
    type: 'participate',
    ...overrides,
  };
}
