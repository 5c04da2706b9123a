// Simplified Chinese texts of the poll; en.ts has the same keys (the compiler names a missing one). `{name}`
// placeholders are filled by the kit's format(). Every code a page may meet has a text in `errors`.
import type { FailureTexts } from 'chat-tool-kit';
import type { ErrorCode } from '../core/errors';
import { OPTION_TEXT_MAX, OPTIONS_MAX, OPTIONS_MIN, QUESTION_MAX } from '../core/poll';

const errors: FailureTexts<ErrorCode> = {
  INVALID_REQUEST: '请求无效，请更新小程序后重试',
  UNKNOWN_ACTION: '请求无效，请更新小程序后重试',
  CLOUD_ID_INVALID: '无法确认你所在的聊天，请从聊天里重新打开',
  CLOUD_ID_EXPIRED: '聊天信息已过期，请重新打开',
  CLOUD_ID_FOREIGN: '这个聊天身份属于另一个用户',
  NOT_FOUND: '找不到这个投票',
  WRONG_ROOM: '这个投票属于另一个聊天',
  CONTENT_RISKY: '内容含有不适宜的信息，请修改后再发布',
  CONTENT_REVIEW: '内容可能不适宜，请修改后再发布',
  CONTENT_CHECK_FAILED: '暂时无法检查内容，请稍后重试',
  PLATFORM_FAILED: '微信暂时无法完成操作，请稍后重试',
  BUSY: '投票的人太多，请稍后重试',
  OUTCOME_UNKNOWN: '不确定是否已完成，请刷新查看',
  INTERNAL: '出错了，请稍后重试',
  QUESTION_EMPTY: '请填写问题',
  QUESTION_TOO_LONG: `问题最多 ${QUESTION_MAX} 个字`,
  OPTIONS_COUNT: `投票需要 ${OPTIONS_MIN} 到 ${OPTIONS_MAX} 个选项`,
  OPTION_EMPTY: '选项不能为空',
  OPTION_TOO_LONG: `每个选项最多 ${OPTION_TEXT_MAX} 个字`,
  OPTION_DUPLICATE: '有两个选项相同',
  OPTION_UNKNOWN: '没有这个选项，请刷新',
  ALREADY_VOTED: '每人只能投一票，你已经投过了',
  POLL_CLOSED: '投票已结束',
  NOT_CREATOR: '只有发起人可以结束投票',
  NETWORK: '网络不可用，请稍后重试',
  NOT_IN_CHAT: '请在聊天中打开群投票',
  PLATFORM: '微信没有完成操作，请重试',
};

export const zhCN = {
  toolName: '群投票',
  back: '返回',
  loading: '加载中…',
  retry: '重试',
  cancel: '取消',

  entryIntro: '在群里发起投票，每位成员投一票，卡片显示已投票人数。',
  outsideTitle: '请在聊天中打开群投票',
  outsideBody: '群投票是微信聊天工具：打开一个群聊，点击输入框旁的「+」，选择「群投票」。',
  pollsHeading: '本聊天的投票',
  noPolls: '还没有投票，发起第一个吧。',
  createPoll: '发起投票',
  openPoll: '打开投票：{question}',
  mine: '我发起的',
  voted: '已投票',
  open: '进行中',
  closed: '已结束',
  voters: '{count}人已投票',

  questionLabel: '问题',
  questionPlaceholder: '周六去哪里爬山？',
  optionLabel: '选项 {index}',
  optionPlaceholder: '填写选项',
  addOption: '添加选项',
  removeOption: '删除选项 {index}',
  counter: '{used}/{max}',
  publish: '发布到聊天',
  publishing: '发布中…',
  shareAgain: '卡片没有发出，点此重新发送',

  voteFor: '投给：{option}',
  votes: '{count}票',
  yourVote: '你投给了：{option}（每人一票）',
  creatorNote: '你是发起人，卡片上不计入你自己的投票。',
  closePoll: '结束投票',
  closeTitle: '结束投票？',
  closeBody: '结束后成员不能再投票，卡片显示「已结束」。',
  cardPending: '卡片正在更新，稍后会与这里一致。',

  errors,
};

export type Messages = typeof zhCN;
