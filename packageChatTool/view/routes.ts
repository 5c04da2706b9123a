// Page paths inside the chat tool. The entry page's is core/api.ts ENTRY_PAGE, which the server links too.
const ROOT = '/packageChatTool/pages';

export const CREATE_PAGE = `${ROOT}/create/index`;

export function taskPage(taskId: string): string {
  return `${ROOT}/task/index?taskId=${encodeURIComponent(taskId)}`;
}
