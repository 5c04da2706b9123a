// WeChat's client-side rules the simulator enforces, stated here from WeChat's documents (docs/platform.md), never
// imported from the app: where the app's own rule drifts from WeChat's, the simulator refuses and a test shows it.

/** chat_type 1 (WeChat contact) and 2 (WeCom contact) are one-to-one chats; 3 and 4 are groups (docs/platform.md, "getChatToolInfo"). */
export function isOneToOne(chatType: number): boolean {
  return chatType === 1 || chatType === 2;
}

/** wx.notifyGroupMembers: "标题长度不超过 30 个字符，支持中英文和数字，中文算2个字符" (docs/platform.md, "notifyGroupMembers"). */
export const NOTIFY_TITLE_MAX = 30;

const HAN = /^\p{Script=Han}$/u;
const LETTER_OR_DIGIT = /^[A-Za-z0-9]$/;

/** Why WeChat refuses `title` as a notifyGroupMembers title, in words; null when it accepts it. */
export function notifyTitleProblem(title: string): string | null {
  if (title === '') return 'title is required';
  let length = 0;
  for (const char of title) {
    if (HAN.test(char)) length += 2;
    else if (LETTER_OR_DIGIT.test(char)) length += 1;
    else return `"${char}" is not allowed: only Chinese characters, English letters and digits`;
  }
  if (length > NOTIFY_TITLE_MAX) {
    return `${length} characters (Chinese counts 2): at most ${NOTIFY_TITLE_MAX}`;
  }
  return null;
}
