// Entry file of the independent poll subpackage: WeChat runs it instead of app.ts (which an independent
// subpackage never loads), so the cloud is initialised here.

/** Your cloud environment id (DevTools → Cloud → Settings); empty: the account's default environment. */
const CLOUD_ENV = '';

wx.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
