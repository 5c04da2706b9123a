/** The chat tool's entry page, as wx.openChatTool takes it: '/' + chatTools root + entryPagePath (app.json). */
export var CHAT_TOOL_ENTRY_URL = '/packageChatTool/pages/entry/index';
