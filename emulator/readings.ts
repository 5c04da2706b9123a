// Where WeChat's documents conflict or are silent, the emulator does not pick the convenient answer: each such
// point is a switch with both readings (docs/platform.md, "Readings where the documents disagree or are silent";
// the table with sources is in docs/simulator.md, "Readings"). Two profiles cover every reading, and CI runs the
// app's tests under both.
// Pure TypeScript apart from readingsFromEnvironment's default argument, so a browser bundle may use the types.

export interface Readings {
  /** wx.selectGroupMembers in a one-to-one chat returns both parties' group_openids, or the other person's only. */
  oneToOneSelection: 'bothParties' | 'otherPerson';
  /** setChatToolMsg with participator_info_list and target_state 2 or 3: accepted (and applied), or refused. */
  participatorListWithFinalStates: 'accepted' | 'refused';
  /** setChatToolMsg after the activity_id expired (24 h): accepted, or refused. */
  afterExpiry: 'accepted' | 'refused';
  /** Sharing an activity_id that already has a card: a second card bound to the same activity, or refused. */
  reshareSameActivity: 'secondCard' | 'refused';
  /** getOpenData on a cloudID issued to another user than the caller: resolved, or refused (-601007). */
  foreignCloudId: 'resolved' | 'refused';
  /** chattoolmsg.send by cloud call: works, or refused as unsupported ("本接口不支持云调用"). */
  cloudCallForChatToolMsg: 'works' | 'refused';
  /** wx.shareEmojiToGroup outside a tap (its page, unlike the image, video and file pages, says nothing): refused, or accepted. */
  emojiOutsideTap: 'refused' | 'accepted';
  /** A code-package file ("/packageX/a.png") where a send wants "本地路径或临时路径": refused, or taken as local. */
  packageFileForSend: 'refused' | 'accepted';
  /** An entrancePath outside the chat tool's subpackage (the pages say only "打开小程序的路径"): refused, or opened. */
  entranceOutsideChatTool: 'refused' | 'accepted';
}

export type ReadingName = keyof Readings;

/** Every switch with its two readings, the first being the `documented` profile's. */
export const READING_CHOICES: { [K in ReadingName]: readonly [Readings[K], Readings[K]] } = {
  oneToOneSelection: ['otherPerson', 'bothParties'],
  participatorListWithFinalStates: ['refused', 'accepted'],
  afterExpiry: ['refused', 'accepted'],
  reshareSameActivity: ['secondCard', 'refused'],
  foreignCloudId: ['refused', 'resolved'],
  cloudCallForChatToolMsg: ['works', 'refused'],
  emojiOutsideTap: ['refused', 'accepted'],
  packageFileForSend: ['refused', 'accepted'],
  entranceOutsideChatTool: ['refused', 'accepted'],
};

const READING_NAMES = Object.keys(READING_CHOICES) as ReadingName[];

function profile(index: 0 | 1): Readings {
  const entries = READING_NAMES.map((name) => [name, READING_CHOICES[name][index]]);
  return Object.fromEntries(entries) as Readings;
}

/**
 * `documented`: the readings the code was first written against. `alternate`: every other reading. Together
 * they play each side of every switch.
 */
export const READING_PROFILES = { documented: profile(0), alternate: profile(1) } as const;
export type ReadingProfile = keyof typeof READING_PROFILES;

/** The environment variable that picks the readings, e.g. `WECHAT_READINGS=alternate`. */
export const READINGS_VARIABLE = 'WECHAT_READINGS';

/**
 * Parses `documented`, `alternate`, or a profile followed by single switches:
 * `alternate,cloudCallForChatToolMsg=works`. Empty means `documented`. Throws on anything else.
 */
export function parseReadings(text: string): Readings {
  const [first = '', ...overrides] = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const base = first === '' ? 'documented' : first;
  if (!(base in READING_PROFILES)) {
    throw new Error(`unknown readings profile "${base}" (known: ${Object.keys(READING_PROFILES).join(', ')})`);
  }
  const readings: Record<string, string> = { ...READING_PROFILES[base as ReadingProfile] };
  for (const override of overrides) {
    const [name = '', value = ''] = override.split('=', 2);
    const choices: readonly string[] | undefined = READING_CHOICES[name as ReadingName];
    if (choices === undefined) throw new Error(`unknown reading "${name}" (known: ${READING_NAMES.join(', ')})`);
    if (!choices.includes(value)) throw new Error(`reading ${name} is ${choices.join(' or ')}, not "${value}"`);
    readings[name] = value;
  }
  return readings as unknown as Readings;
}

/** The readings `WECHAT_READINGS` picks (default `documented`); the local runner, simulator and page tests use it. */
export function readingsFromEnvironment(env: Record<string, string | undefined> = process.env): Readings {
  return parseReadings(env[READINGS_VARIABLE] ?? '');
}

/** How the readings differ from `documented`, e.g. "alternate" or "documented" or "documented,afterExpiry=accepted". */
export function describeReadings(readings: Readings): string {
  for (const [name, candidate] of Object.entries(READING_PROFILES)) {
    if (READING_NAMES.every((key) => candidate[key] === readings[key])) return name;
  }
  const changed = READING_NAMES.filter((key) => readings[key] !== READING_PROFILES.documented[key]);
  return ['documented', ...changed.map((key) => `${key}=${readings[key]}`)].join(',');
}
