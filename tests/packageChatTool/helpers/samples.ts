// Realistic server answers for page tests, worded as the server words them (core/task-words.ts).
import { CLIENT_FAILURES, localeOf, type ClientFailure, type Locale } from 'chat-tool-kit';
import type {
  CardShare,
  ErrorCode,
  MemberPage,
  Reminder,
  TaskSummary,
  TaskSummaryPage,
  TaskView,
  ViewerActions,
} from '../../../packageChatTool/core/api';
import {
  summaryShown,
  taskShown,
  wordsIn,
  type SummaryFacts,
  type TaskFacts,
} from '../../../packageChatTool/core/task-words';

export const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const HOUR = 3600 * 1000;

/** A task list's row; its words in `locale` unless `overrides` gives them. */
export function summary(overrides: Partial<TaskSummary> = {}, locale: Locale = 'zh-CN'): TaskSummary {
  const { shown, ...given } = overrides;
  const facts: SummaryFacts = {
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
    ...given,
  };
  return { ...facts, shown: shown ?? summaryShown(facts, locale) };
}

/** A page of members who joined (or wait) at NOW, in this order; `next` for a page with more after it. */
export function members(ids: string[], next: string | null = null): MemberPage {
  return { items: ids.map((memberId) => ({ memberId, at: NOW, note: '' })), next };
}

/** A page of a task list, as listRoomTasks answers it. */
export function tasks(items: TaskSummary[], next: string | null = null): TaskSummaryPage {
  return { items, next };
}

/** The task's creator as the viewer: not in their own audience, with every action a creator has. */
/** What a viewer may do: nothing unless said (the server decides each; the page only shows it). */
export const can = (allowed: Partial<ViewerActions> = {}): ViewerActions => ({
  join: false,
  leave: false,
  remind: false,
  markClosingSoon: false,
  end: false,
  renewCard: false,
  celebrate: false,
  ...allowed,
});

export const CREATOR = {
  isCreator: true,
  memberId: 'g-creator',
  status: 'notInvited',
  can: can({ remind: true, markClosingSoon: true, end: true, renewCard: true }),
} satisfies Partial<TaskView['viewer']>;

/**
 * A task as the server answers it; unless `overrides` gives them, its counts are those of its first pages (the
 * lists fit in one page) with three chosen members, and its words are in `locale`.
 */
export function taskView(
  overrides: Partial<TaskView> = {},
  viewer: Partial<TaskView['viewer']> = {},
  locale: Locale = 'zh-CN',
): TaskView {
  const { shown, ...given } = overrides;
  const participants = given.participants ?? members(['g-alice']);
  const waitlist = given.waitlist ?? members([]);
  const audience = given.audience ?? { kind: 'members', count: 3 };
  const facts: TaskFacts = {
    id: 't1',
    title: '周六爬山',
    description: '早上八点集合',
    kind: 'participate',
    state: 'open',
    chatType: 3,
    audience,
    capacity: null,
    deadline: NOW + 26 * HOUR,
    participants,
    waitlist,
    counts: {
      joined: participants.items.length,
      waitlisted: waitlist.items.length,
      expected: audience.kind === 'members' ? audience.count : null,
    },
    card: { activityExpiresAt: NOW + 20 * HOUR, expired: false, inSync: true },
    createdAt: NOW - 2 * HOUR,
    ...given,
    viewer: {
      isCreator: false,
      memberId: 'g-bob',
      status: 'pending',
      cardText: '未参与',
      note: null,
      can: can({ join: true }),
      ...viewer,
    },
  };
  return { ...facts, shown: shown ?? taskShown(facts, locale) };
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

/** A refusal as the server answers it to the client: its code and its words in the caller's language. */
export const refusal = (code: ErrorCode, locale: Locale = 'zh-CN') =>
  ({ ok: false, code, text: wordsIn(locale).refusals[code] }) as const;

const isClientFailure = (code: string): code is ClientFailure => (CLIENT_FAILURES as readonly string[]).includes(code);

/**
 * A failed call as the service hands it to a page on a phone speaking `language`: the client's own failure, or a
 * refusal with the server's words in that language.
 */
export const failedCall = (code: string, language = 'zh_CN') =>
  isClientFailure(code) ? ({ ok: false, code } as const) : refusal(code as ErrorCode, localeOf(language));
