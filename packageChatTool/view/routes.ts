// Paths inside the chat tool: its pages and the card's picture. The entry page's is core/api.ts ENTRY_PAGE,
// which the server links too.
const ROOT = '/packageChatTool/pages';

/**
 * The card's own picture, 5:4, in the package: without it WeChat shows a screenshot of the page that posted the
 * card (docs/platform.md, "shareAppMessageToGroup").
 */
export const CARD_IMAGE = '/packageChatTool/assets/card.png';

export const CREATE_PAGE = `${ROOT}/create/index`;

export function taskPage(taskId: string): string {
  return `${ROOT}/task/index?taskId=${encodeURIComponent(taskId)}`;
}
