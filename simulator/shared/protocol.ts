// Types shared by the Node server, the chat host page and the app runtime.

export type BuildErrorKind = 'json' | 'wxml' | 'wxss' | 'typescript' | 'config';

/** A build error as sent to the browser. */
export interface BuildErrorInfo {
  kind: BuildErrorKind;
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatBuildError(error: BuildErrorInfo): string {
  return `${error.file}:${error.line}:${error.column} [${error.kind}] ${error.message}`;
}
