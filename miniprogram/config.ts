// The main package's settings. It cannot load packageChatTool/config.ts (nor the other way round), so
// a test keeps CLOUD_ENV equal to the chat tool's: set both to your environment id.

/** Your WeChat Cloud Development environment id; empty: the account's default environment. */
export var CLOUD_ENV = '';

/**
 * WeCom only (miniprogram/pages/wecom): the WeCom server's URL, e.g. the CloudBase HTTP access path of its
 * function (docs/platforms.md#wecom-setup); add its domain to the request domains (request 合法域名).
 */
export var WECOM_SERVICE_URL = '';

/** WeCom only: the picture of the card sendChatMessage sends, an http(s) URL, 5:4 (docs/platforms.md#wecom-sending). */
export var WECOM_CARD_IMAGE_URL = '';
