// Pure version checks for the launcher. No `wx` here, so the rules are tested directly. ES5 syntax and
// built-ins only: the launcher runs on clients too old for the chat tool (docs/platform.md#engines).

/** Chat tools exist from base library 3.7.8 and WeChat 8.0.56 (docs/platform.md, "Versions"). */
export var CHAT_TOOL_BASE_LIBRARY = '3.7.8';
export var MIN_WECHAT = '8.0.56';
/**
 * The chat tool's pages must run on Skyline, which app.json turns on from rendererOptions.skyline.sdkVersionBegin
 * (below it a page runs on WebView: docs/platform.md, "sdkVersionBegin"); 3.7.12 is also the chat-tool minimum of
 * WeChat's mini game guide (docs/platform.md, "Versions"). A test keeps app.json equal to this.
 */
export var MIN_BASE_LIBRARY = '3.7.12';

/** Compares dotted versions numerically ('3.10.0' > '3.9.9'); missing or non-numeric parts count as 0. */
export function compareVersion(a: string, b: string): -1 | 0 | 1 {
  var left = a.split('.');
  var right = b.split('.');
  for (var i = 0; i < Math.max(left.length, right.length); i += 1) {
    var x = parseInt(left[i] || '0', 10) || 0;
    var y = parseInt(right[i] || '0', 10) || 0;
    if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}

export interface Versions {
  /** getAppBaseInfo().SDKVersion */
  baseLibrary: string;
  /** getAppBaseInfo().version */
  weChat: string;
}

export type Support =
  { supported: true } | { supported: false; component: 'baseLibrary' | 'weChat'; current: string; required: string };

/** Whether this WeChat can open a chat tool, and if not, which part is too old. */
export function checkSupport(versions: Versions): Support {
  if (compareVersion(versions.weChat, MIN_WECHAT) < 0) {
    return { supported: false, component: 'weChat', current: versions.weChat, required: MIN_WECHAT };
  }
  if (compareVersion(versions.baseLibrary, MIN_BASE_LIBRARY) < 0) {
    return { supported: false, component: 'baseLibrary', current: versions.baseLibrary, required: MIN_BASE_LIBRARY };
  }
  return { supported: true };
}
