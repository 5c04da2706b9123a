// Production entry of the `wecomTask` cloud function: the WeCom server (platforms/wecom/function.ts), reached through
// CloudBase HTTP access (docs/platforms.md#wecom-setup), on the same CloudBase database as groupTask. Bundled by
// scripts/build-functions.ts into ../index.js (wx-server-sdk stays external).
export { main } from '../../../platforms/wecom/function';
