// The main package's settings. It cannot load packageChatTool/config.ts (nor the other way round), so
// a test keeps CLOUD_ENV equal to the chat tool's: set both to your environment id.

/** Your WeChat Cloud Development environment id; empty: the account's default environment. */
export var CLOUD_ENV = '';
