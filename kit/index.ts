// chat-tool-kit: the part of the starter a cloner keeps (docs/customize.md). This entry is what the chat tool
// imports: the pure core and the client. Its packed copy in the chat tool's own miniprogram_npm (an independent
// subpackage may load nothing from outside its folder) carries only the names the chat tool uses
// (docs/foundation.md "How the kit is packed"). The server part (kit/server) is bundled into each cloud function
// and never reaches the chat tool.
export * from './core/result';
export * from './core/action-table';
export * from './core/chat';
export * from './core/fields';
export * from './core/page';
export * from './core/card';
export * from './core/share';
export * from './core/locale';
export * from './client/failure';
export * from './client/wechat';
export * from './client/sends';
export * from './client/action-client';
export * from './client/i18n';
