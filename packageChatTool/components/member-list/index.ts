// Avatars and nicknames of chat members by group_openid. WeChat renders them through open-data-list:
// the mini program itself never learns a member's name or picture.
Component({
  properties: {
    members: { type: Array, value: [] as string[] },
    /** Read aloud for the whole list, e.g. "已参与的成员". */
    label: { type: String, value: '' },
  },
});
