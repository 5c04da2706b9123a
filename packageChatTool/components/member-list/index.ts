// Avatars and nicknames of chat members by group_openid, with the note each participant wrote. WeChat renders names
// and pictures through open-data-list: the mini program itself never learns a member's name or picture.

/**
 * A member: a group_openid (the create page's chosen members), or a participant with the note they wrote (the task
 * page's lists; what the component reads of core/api.ts ParticipantView, written here: an import, even of a type
 * alone, would compile this file as a module, docs/pages.md "Size").
 */
type Member = string | { memberId: string; note: string };

Component({
  properties: {
    members: { type: Array, value: [] as Member[] },
    /** Read aloud for the whole list, e.g. "已参与的成员". */
    label: { type: String, value: '' },
  },
  // open-data-list takes the group_openids; each member's slot reads its note by index (a string has none).
  data: { ids: [] as string[] },
  observers: {
    members(members: Member[]) {
      this.setData({ ids: members.map((member) => (typeof member === 'string' ? member : member.memberId)) });
    },
  },
});
