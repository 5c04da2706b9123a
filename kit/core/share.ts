// What the chat tool hands WeChat to post or re-share a record's card and to remind members: the server builds
// them (it knows the activity_id and who takes part), the client passes them to wx as they are.
import type { CardTemplateId, CardTemplateKind } from './card';

/** Everything wx.updateShareMenu and wx.shareAppMessageToGroup need to publish or re-share the card. */
export interface CardShare {
  activityId: string;
  activityExpiresAt: number;
  templateId: CardTemplateId;
  /** 1: only `participant` take part; 2: everyone in the chat. */
  chooseType: 1 | 2;
  participant: string[];
  title: string;
  /** Starts with '/', reopens this record's page. */
  path: string;
}

/** What wx.notifyGroupMembers needs to remind members: "@A @B 请完成：title" (docs/platform.md, "notifyGroupMembers"). */
export interface Reminder {
  title: string;
  /** group_openids. */
  members: string[];
  entrancePath: string;
  type: CardTemplateKind;
}
