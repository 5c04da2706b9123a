// The app states WeChat's rules for itself (core/title.ts, kit/core/card.ts) and the emulator states them from the
// documents (emulator/rules.ts). They may disagree, and then this test shows it: a title the app takes must be
// one WeChat takes, and the card text the app predicts must be the one WeChat shows.
import { SENDS, cardText, type SendApi } from 'chat-tool-kit';
import fc from 'fast-check';
import {
  SEND_APIS,
  SEND_RULES,
  cardSubtitle,
  notifyTitleProblem,
  type CardViewer,
  type TargetState,
} from '../../emulator/rules';
import { titleProblem } from '../../packageChatTool/core/title';

/** Characters a user may type: ASCII, Chinese and its punctuation, full-width forms, accents, emoji. */
const typed = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x4e00, max: 0x9fff }),
  fc.integer({ min: 0x3000, max: 0x303f }),
  fc.integer({ min: 0xff01, max: 0xff5e }),
  fc.integer({ min: 0xc0, max: 0x17f }),
  fc.integer({ min: 0x20000, max: 0x2a6df }),
  fc.integer({ min: 0x1f600, max: 0x1f64f }),
);
const titles = fc.array(typed, { maxLength: 34 }).map((points) => String.fromCodePoint(...points));

describe('the app and the emulator agree on WeChat’s rules', () => {
  it('every title the app accepts is one wx.notifyGroupMembers accepts', () => {
    fc.assert(
      fc.property(titles, (title) => {
        if (titleProblem(title) === null) expect(notifyTitleProblem(title)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('the card text the app predicts is the subtitle WeChat shows, for every template, state and viewer', () => {
    for (const kind of ['participate', 'complete'] as const) {
      for (const state of [1, 2, 3] as TargetState[]) {
        for (const viewer of ['publisher', 'participant', 'nonParticipant'] as CardViewer[]) {
          for (const done of [false, true]) {
            expect(cardText(kind, state, viewer, done, 3)).toBe(cardSubtitle(kind, state, viewer, done, 3));
          }
        }
      }
    }
  });

  it('the kit declares every send with the fields, files and entrance WeChat’s pages state, and tap-only wherever a reading may refuse outside a tap', () => {
    expect(Object.keys(SENDS).sort()).toEqual([...SEND_APIS].sort());
    for (const api of SEND_APIS) {
      const kit = SENDS[api as SendApi];
      const documented = SEND_RULES[api];
      expect([api, kit.required]).toEqual([api, documented.required]);
      expect([api, kit.files]).toEqual([api, documented.files]);
      expect([api, kit.entrance]).toEqual([api, documented.entrance]);
      expect([api, kit.tapOnly]).toEqual([api, documented.tap !== 'any']);
    }
  });
});
