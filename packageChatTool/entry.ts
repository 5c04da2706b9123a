// Entry file of the independent chat-tool subpackage. WeChat runs it instead of app.ts (which an
// independent subpackage never loads), so cloud initialisation happens here.
import { CLOUD_ENV } from './config';

wx.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
