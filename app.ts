// The main package hosts the launcher page. The chat tool is an independent subpackage with its own
// entry file (packageChatTool/entry.ts): WeChat may start it without ever running this App.
import { CLOUD_ENV } from './miniprogram/config';

// The launcher asks the cloud function which chat it was opened from. The main package also opens on
// clients too old for chat tools, where the launcher only explains why; wx.cloud may be missing there.
if (typeof wx.cloud !== 'undefined') {
  wx.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
}

App({});
