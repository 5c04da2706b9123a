// The main package only hosts the launcher page. The chat tool is an independent subpackage with its
// own entry file (packageChatTool/entry.ts): WeChat may start it without ever running this App.
App({});
