// Every text of the poll, in Simplified Chinese and English side by side: text(zh-CN, en). `{name}` placeholders
// are filled by the kit's format(). Every code a page may meet has a text in `errors` (FailureTexts: the
// compiler names a missing one, and a text without its translation).
import type { FailureTexts, InLocale } from 'chat-tool-kit';
import { text, texts } from 'chat-tool-kit';
import type { ErrorCode } from '../core/errors';
import { OPTION_TEXT_MAX, OPTIONS_MAX, OPTIONS_MIN, QUESTION_MAX } from '../core/poll';

const TEXTS = {
  toolName: text('群投票', 'Group poll'),
  back: text('返回', 'Back'),
  loading: text('加载中…', 'Loading…'),
  retry: text('重试', 'Retry'),
  cancel: text('取消', 'Cancel'),

  entryIntro: text(
    '在群里发起投票，每位成员投一票，卡片显示已投票人数。',
    'Ask the chat a question: every member votes once, and the card counts the voters.',
  ),
  outsideTitle: text('请在聊天中打开群投票', 'Open the group poll in a chat'),
  outsideBody: text(
    '群投票是微信聊天工具：打开一个群聊，点击输入框旁的「+」，选择「群投票」。',
    'The group poll is a WeChat chat tool: open a group chat, tap "+" beside the input, choose Group poll.',
  ),
  pollsHeading: text('本聊天的投票', 'Polls in this chat'),
  noPolls: text('还没有投票，发起第一个吧。', 'No polls yet. Start the first one.'),
  createPoll: text('发起投票', 'New poll'),
  openPoll: text('打开投票：{question}', 'Open poll: {question}'),
  mine: text('我发起的', 'Mine'),
  voted: text('已投票', 'Voted'),
  open: text('进行中', 'Open'),
  closed: text('已结束', 'Closed'),
  voters: text('{count}人已投票', '{count} voted'),

  questionLabel: text('问题', 'Question'),
  questionPlaceholder: text('周六去哪里爬山？', 'Where shall we hike on Saturday?'),
  optionLabel: text('选项 {index}', 'Option {index}'),
  optionPlaceholder: text('填写选项', 'An option'),
  addOption: text('添加选项', 'Add an option'),
  removeOption: text('删除选项 {index}', 'Remove option {index}'),
  counter: text('{used}/{max}', '{used}/{max}'),
  publish: text('发布到聊天', 'Post to the chat'),
  publishing: text('发布中…', 'Posting…'),
  shareAgain: text('卡片没有发出，点此重新发送', 'The card was not posted: tap to post it again'),

  voteFor: text('投给：{option}', 'Vote for: {option}'),
  votes: text('{count}票', 'Votes: {count}'),
  yourVote: text('你投给了：{option}（每人一票）', 'You voted for: {option} (one vote each)'),
  creatorNote: text(
    '你是发起人，卡片上不计入你自己的投票。',
    'You started this poll: the card does not count your own vote.',
  ),
  closePoll: text('结束投票', 'Close the poll'),
  closeTitle: text('结束投票？', 'Close the poll?'),
  closeBody: text(
    '结束后成员不能再投票，卡片显示「已结束」。',
    'Members can no longer vote, and the card shows 已结束 (ended).',
  ),
  cardPending: text(
    '卡片正在更新，稍后会与这里一致。',
    'The card is being updated and will soon agree with this page.',
  ),

  errors: {
    INVALID_REQUEST: text('请求无效，请更新小程序后重试', 'Invalid request: update the mini program and try again'),
    UNKNOWN_ACTION: text('请求无效，请更新小程序后重试', 'Invalid request: update the mini program and try again'),
    CHAT_PROOF_INVALID: text(
      '无法确认你所在的聊天，请从聊天里重新打开',
      'Could not tell which chat you are in: open the poll from the chat again',
    ),
    CHAT_PROOF_EXPIRED: text('聊天信息已过期，请重新打开', 'The chat information expired: open the poll again'),
    CHAT_PROOF_FOREIGN: text('这个聊天身份属于另一个用户', 'This chat identity belongs to another user'),
    NOT_FOUND: text('找不到这个投票', 'This poll does not exist'),
    WRONG_ROOM: text('这个投票属于另一个聊天', 'This poll belongs to another chat'),
    CONTENT_RISKY: text(
      '内容含有不适宜的信息，请修改后再发布',
      'The text contains inappropriate content: change it and post again',
    ),
    CONTENT_REVIEW: text('内容可能不适宜，请修改后再发布', 'The text may be inappropriate: change it and post again'),
    CONTENT_CHECK_FAILED: text(
      '暂时无法检查内容，请稍后重试',
      'The text could not be checked right now: try again later',
    ),
    PLATFORM_FAILED: text('微信暂时无法完成操作，请稍后重试', 'WeChat could not do it right now: try again later'),
    BUSY: text('投票的人太多，请稍后重试', 'Many members are voting: try again in a moment'),
    OUTCOME_UNKNOWN: text('不确定是否已完成，请刷新查看', 'Not sure whether it went through: refresh to see'),
    INTERNAL: text('出错了，请稍后重试', 'Something went wrong: try again later'),
    QUESTION_EMPTY: text('请填写问题', 'Write the question'),
    QUESTION_TOO_LONG: text(`问题最多 ${QUESTION_MAX} 个字`, `The question has at most ${QUESTION_MAX} characters`),
    OPTIONS_COUNT: text(
      `投票需要 ${OPTIONS_MIN} 到 ${OPTIONS_MAX} 个选项`,
      `A poll has ${OPTIONS_MIN} to ${OPTIONS_MAX} options`,
    ),
    OPTION_EMPTY: text('选项不能为空', 'An option is empty'),
    OPTION_TOO_LONG: text(
      `每个选项最多 ${OPTION_TEXT_MAX} 个字`,
      `An option has at most ${OPTION_TEXT_MAX} characters`,
    ),
    OPTION_DUPLICATE: text('有两个选项相同', 'Two options are the same'),
    OPTION_UNKNOWN: text('没有这个选项，请刷新', 'There is no such option: refresh'),
    ALREADY_VOTED: text('每人只能投一票，你已经投过了', 'One vote each: you have already voted'),
    POLL_CLOSED: text('投票已结束', 'The poll is closed'),
    NOT_CREATOR: text('只有发起人可以结束投票', 'Only the member who started the poll can close it'),
    NETWORK: text('网络不可用，请稍后重试', 'No network: try again later'),
    NOT_IN_CHAT: text('请在聊天中打开群投票', 'Open the group poll in a chat'),
    PLATFORM: text('微信没有完成操作，请重试', 'WeChat did not finish: try again'),
  } satisfies FailureTexts<ErrorCode>,
};

/** The texts of `locale`, or of the language WeChat runs in; pages call it once in onLoad. */
export const messages = texts(TEXTS);

export type Messages = InLocale<typeof TEXTS>;
