// The emulator's own statement of WeChat's rules (docs/platform.md), checked against the documents' wording.
import {
  CHAT_TOOL_TEMPLATES,
  cardSubtitle,
  isOneToOne,
  notifyTitleProblem,
  templateKind,
  type CardViewer,
  type TargetState,
  type TemplateKind,
} from '../../emulator/rules';

describe('the notifyGroupMembers title rule: ≤ 30 characters, Chinese counts 2, Chinese, English and digits only', () => {
  it.each([
    ['爬山', null],
    ['周'.repeat(15), null],
    ['a'.repeat(30), null],
    ['周六爬山Hike2026', null],
    // Han outside the BMP is still Chinese.
    ['𠀀山', null],
  ])('takes %j', (title, problem) => {
    expect(notifyTitleProblem(title)).toBe(problem);
  });

  it.each([
    ['', /required/],
    ['周'.repeat(16), /32 characters/],
    ['a'.repeat(31), /31 characters/],
    ['Saturday hike', /" " is not allowed/],
    ['爬山！', /"！" is not allowed/],
    ['爬山。', /"。" is not allowed/],
    ['hike-2', /"-" is not allowed/],
    ['爬山😀', /"😀" is not allowed/],
    ['ｈｉｋｅ', /"ｈ" is not allowed/],
    ['Ünter', /"Ü" is not allowed/],
  ])('refuses %j', (title, problem) => {
    expect(notifyTitleProblem(title)).toMatch(problem);
  });
});

describe('the card subtitle table, per template, state and viewer', () => {
  const table: [TemplateKind, CardViewer, boolean, [string, string, string]][] = [
    ['participate', 'publisher', false, ['2人已参与', '2人已参与', '已结束']],
    ['participate', 'participant', false, ['未参与', '即将截止', '已结束']],
    ['participate', 'participant', true, ['已参与', '已参与', '已结束']],
    ['participate', 'nonParticipant', false, ['你无需参与', '你无需参与', '已结束']],
    ['complete', 'publisher', false, ['2人已完成', '2人已完成', '已结束']],
    ['complete', 'participant', false, ['未完成', '即将截止', '已结束']],
    ['complete', 'participant', true, ['已完成', '已完成', '已结束']],
    ['complete', 'nonParticipant', false, ['你无需完成', '你无需完成', '已结束']],
  ];
  it.each(table)('%s, %s (done: %s) sees %j at target_state 1, 2, 3', (kind, viewer, done, texts) => {
    expect(([1, 2, 3] as TargetState[]).map((state) => cardSubtitle(kind, state, viewer, done, 2))).toEqual(texts);
  });

  it('knows the two templates and the chat types', () => {
    expect(templateKind(CHAT_TOOL_TEMPLATES.participate)).toBe('participate');
    expect(templateKind('4A68CBB88A92B0A9311848DBA1E94A199B166463')).toBe('complete');
    expect(templateKind('21B034D08C5615B9889CE362BB957B1EE69A584B')).toBeUndefined();
    expect([1, 2, 3, 4].map((type) => isOneToOne(type as 1 | 2 | 3 | 4))).toEqual([true, true, false, false]);
  });
});
