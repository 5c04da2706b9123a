// Test doubles for the two ports pages depend on: the WeChat platform (the kit's) and the task service.
import { useWeChat, type WeChat } from 'chat-tool-kit';
import { TASK_ACTIONS } from '../../../packageChatTool/core/task-actions';
import type { TaskService } from '../../../packageChatTool/services/task-service';
import { useTaskService } from '../../../packageChatTool/services/task-service';

export type FakeWeChat = { [K in keyof WeChat]: jest.Mock } & WeChat;

/** A WeChat in chat-tool mode, Chinese, that succeeds at everything unless a test says otherwise. */
export function fakeWeChat(overrides: Partial<WeChat> = {}): FakeWeChat {
  const fake: { [K in keyof WeChat]: jest.Mock } = {
    apiCategory: jest.fn(() => 'chatTool'),
    chatToolInfo: jest.fn(async () => ({ cloudID: 'cloud-1' })),
    selectGroupMembers: jest.fn(async () => ['g-alice', 'g-bob']),
    publishCard: jest.fn(async () => undefined),
    remind: jest.fn(async () => undefined),
    shareImage: jest.fn(async () => undefined),
    send: jest.fn(async () => undefined),
    snapshot: jest.fn(async () => 'wxfile://tmp/progress.png'),
    windowMetrics: jest.fn(() => ({ statusBarHeight: 20, menuButton: { top: 24, height: 32 } })),
    callFunction: jest.fn(async () => ({ ok: true, data: null })),
    language: jest.fn(() => 'zh_CN'),
    envVersion: jest.fn(() => 'develop'),
    toast: jest.fn(async () => undefined),
    confirm: jest.fn(async () => true),
    navigateTo: jest.fn(async () => undefined),
    redirectTo: jest.fn(async () => undefined),
    navigateBack: jest.fn(async () => undefined),
  };
  for (const [key, value] of Object.entries(overrides)) {
    fake[key as keyof WeChat] = jest.fn(value as (...args: never[]) => unknown);
  }
  return fake as FakeWeChat;
}

export type FakeTaskService = { [K in keyof TaskService]: jest.Mock } & TaskService;

/** A task service whose every call (one per action of the table) fails with NETWORK until a test gives it an answer. */
export function fakeTaskService(): FakeTaskService {
  const network = async () => ({ ok: false, code: 'NETWORK' });
  // A jest.fn for each action of the table: the shape of TaskService, whose methods are the table's actions.
  return Object.fromEntries(Object.keys(TASK_ACTIONS).map((action) => [action, jest.fn(network)])) as FakeTaskService;
}

/** Fresh fakes of both ports, installed as the ones the pages use; call it in beforeEach. */
export function installFakes(): { platform: FakeWeChat; service: FakeTaskService } {
  const platform = fakeWeChat();
  const service = fakeTaskService();
  useWeChat(platform);
  useTaskService(service);
  return { platform, service };
}
