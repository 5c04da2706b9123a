// The task's card in a Feishu group, as interactive-card JSON (docs/platforms.md, "Feishu: the card"): one shared
// card for everyone (`update_multi: true`, which Feishu requires before and after every PATCH), in zh-CN and English
// (i18n_elements: the client shows its own language), with a button per member action. Pure: the task in, JSON out.
import type { Task } from '../../packageChatTool/core/types';
import { memberOpenId } from './ids';

/** What a card button asks the bot to do; the callback carries it back in action.value (with the task id). */
export const CARD_ACTIONS = ['join', 'leave', 'remind', 'end'] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/** Members named on the card with an @-mention; the rest are counted. */
export const CARD_MENTIONS = 20;

type Language = 'zh_cn' | 'en_us';
const LANGUAGES: readonly Language[] = ['zh_cn', 'en_us'];

const WORDS: Record<Language, Record<string, string>> = {
  zh_cn: {
    participate: '报名',
    complete: '完成',
    joinParticipate: '报名',
    joinComplete: '标记完成',
    leave: '退出',
    remind: '提醒未完成的人',
    end: '结束',
    open: '进行中',
    closingSoon: '即将截止',
    ended: '已结束',
    joined: '已报名',
    done: '已完成',
    waitlist: '候补',
    deadline: '截止',
    none: '暂无',
    details: '查看详情',
    everyone: '全体成员',
    chosen: '指定成员',
  },
  en_us: {
    participate: 'Sign-up',
    complete: 'To do',
    joinParticipate: 'Sign up',
    joinComplete: 'Mark done',
    leave: 'Leave',
    remind: 'Remind pending',
    end: 'End',
    open: 'Open',
    closingSoon: 'Closing soon',
    ended: 'Ended',
    joined: 'Signed up',
    done: 'Done',
    waitlist: 'Waitlist',
    deadline: 'Deadline',
    none: 'Nobody yet',
    details: 'Details',
    everyone: 'Everyone',
    chosen: 'Chosen members',
  },
};

const HEADER_COLOUR = { open: 'blue', closingSoon: 'orange', ended: 'grey' } as const;

/** `<at id=…></at>` renders the member's name in a bot's card (docs/platforms.md, "Feishu: @-mentions"). */
export const mention = (openId: string): string => `<at id=${openId}></at>`;

/** Markdown special characters in what the creator typed, escaped so the card shows them as text. */
export const escapeMarkdown = (text: string): string => text.replace(/([\\`*_~[\]()<>#|-])/g, '\\$1');

function when(epochMs: number, language: Language): string {
  const locale = language === 'zh_cn' ? 'zh-CN' : 'en-GB';
  return new Date(epochMs).toLocaleString(locale, {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

function mentions(task: Task, words: Record<string, string>): string {
  if (task.participants.length === 0) return words.none;
  const named = task.participants.slice(0, CARD_MENTIONS).map((p) => mention(memberOpenId(p.memberId)));
  const more = task.participants.length - named.length;
  return more > 0 ? `${named.join(' ')} +${more}` : named.join(' ');
}

const button = (text: string, type: 'primary' | 'default' | 'danger', value: Record<string, string>) => ({
  tag: 'button',
  text: { tag: 'plain_text', content: text },
  type,
  value,
});

function elements(task: Task, language: Language, detailsUrl: string) {
  const words = WORDS[language];
  const count = task.capacity === null ? `${task.participants.length}` : `${task.participants.length}/${task.capacity}`;
  const lines = [
    `**${words[task.state]}** · ${words[task.kind]} · ${task.audience.kind === 'everyone' ? words.everyone : words.chosen}`,
    ...(task.description === '' ? [] : [escapeMarkdown(task.description)]),
    ...(task.deadline === null ? [] : [`${words.deadline}: ${when(task.deadline, language)}`]),
    `${task.kind === 'complete' ? words.done : words.joined} (${count}): ${mentions(task, words)}`,
    ...(task.waitlist.length === 0 ? [] : [`${words.waitlist}: ${task.waitlist.length}`]),
  ];
  const value = (action: CardAction) => ({ action, taskId: task.id });
  // An ended task takes no more clicks: its card keeps only the link to its page.
  const actions = [
    button(task.kind === 'complete' ? words.joinComplete : words.joinParticipate, 'primary', value('join')),
    button(words.leave, 'default', value('leave')),
    button(words.remind, 'default', value('remind')),
    button(words.end, 'danger', value('end')),
  ];
  return [
    { tag: 'markdown', content: lines.join('\n') },
    ...(task.state === 'ended' ? [] : [{ tag: 'action', actions }]),
    { tag: 'markdown', content: `[${words.details}](${detailsUrl})` },
  ];
}

/** The card of `task`; `detailsUrl` opens the web app's page of the task. */
export function taskCard(task: Task, detailsUrl: string) {
  return {
    config: { update_multi: true, wide_screen_mode: true },
    header: {
      template: HEADER_COLOUR[task.state],
      title: {
        tag: 'plain_text',
        content: task.title,
        i18n: { zh_cn: task.title, en_us: task.title },
      },
    },
    i18n_elements: Object.fromEntries(LANGUAGES.map((language) => [language, elements(task, language, detailsUrl)])),
  };
}

/** A reminder: the pending members @-mentioned, each once, in both languages. */
export function reminderCard(title: string, openIds: readonly string[], detailsUrl: string) {
  const named = openIds.map(mention).join(' ');
  const text: Record<Language, string> = {
    zh_cn: `${named} 请处理「${escapeMarkdown(title)}」`,
    en_us: `${named} please see "${escapeMarkdown(title)}"`,
  };
  return {
    config: { update_multi: true, wide_screen_mode: true },
    i18n_elements: Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        [
          { tag: 'markdown', content: text[language] },
          { tag: 'markdown', content: `[${WORDS[language].details}](${detailsUrl})` },
        ],
      ]),
    ),
  };
}
