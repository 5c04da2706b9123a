// The readings switches: two profiles that play each side of every point the documents leave open.
import {
  READING_CHOICES,
  READING_PROFILES,
  describeReadings,
  parseReadings,
  readingsFromEnvironment,
  type ReadingName,
} from '../../emulator/readings';

const names = Object.keys(READING_CHOICES) as ReadingName[];

describe('reading profiles', () => {
  it('documented and alternate differ on every switch, so the two cover both readings of each', () => {
    for (const name of names) {
      const played = [READING_PROFILES.documented[name], READING_PROFILES.alternate[name]];
      expect([...played].sort()).toEqual([...READING_CHOICES[name]].sort());
    }
    expect(names).toEqual([
      'oneToOneSelection',
      'participatorListWithFinalStates',
      'afterExpiry',
      'reshareSameActivity',
      'foreignCloudId',
      'cloudCallForChatToolMsg',
      'emojiOutsideTap',
      'packageFileForSend',
      'entranceOutsideChatTool',
    ]);
  });

  it('come from WECHAT_READINGS, documented by default, with single switches overridden', () => {
    expect(readingsFromEnvironment({})).toEqual(READING_PROFILES.documented);
    expect(readingsFromEnvironment({ WECHAT_READINGS: 'alternate' })).toEqual(READING_PROFILES.alternate);
    const mixed = parseReadings(' alternate , cloudCallForChatToolMsg=works ');
    expect(mixed).toEqual({ ...READING_PROFILES.alternate, cloudCallForChatToolMsg: 'works' });
    expect(describeReadings(mixed)).toBe(
      'documented,oneToOneSelection=bothParties,participatorListWithFinalStates=accepted,afterExpiry=accepted,' +
        'reshareSameActivity=refused,foreignCloudId=resolved,emojiOutsideTap=accepted,packageFileForSend=accepted,' +
        'entranceOutsideChatTool=accepted',
    );
    expect(describeReadings(READING_PROFILES.alternate)).toBe('alternate');
    expect(parseReadings(describeReadings(mixed))).toEqual(mixed);
  });

  it('refuse what they do not know', () => {
    expect(() => parseReadings('strict')).toThrow(/unknown readings profile "strict" \(known: documented, alternate\)/);
    expect(() => parseReadings('documented,afterExpiry')).toThrow(/afterExpiry is refused or accepted, not ""/);
    expect(() => parseReadings('documented,lateCards=yes')).toThrow(/unknown reading "lateCards"/);
  });
});
