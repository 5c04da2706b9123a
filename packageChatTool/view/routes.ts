// Page paths of the chat tool. The server builds the card's path the same way (CardShare.path).
const ROOT = '/packageChatTool/pages';

export const ENTRY_PAGE = `${ROOT}/entry/index`;
export const CREATE_PAGE = `${ROOT}/create/index`;

export function taskPage(taskId: string): string {
  return `${ROOT}/task/index?taskId=${encodeURIComponent(taskId)}`;
}
