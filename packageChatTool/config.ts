// The one place to configure the chat tool for your own mini program.

/**
 * Your WeChat Cloud Development environment id (DevTools → Cloud → Settings), e.g. 'prod-1a2b3c'.
 * Empty: wx.cloud.init uses the account's default environment.
 */
export const CLOUD_ENV = '';
