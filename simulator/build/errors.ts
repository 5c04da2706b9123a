// A build error that points at a source file and line, shown in the terminal and in the page.

import type { BuildErrorInfo, BuildErrorKind } from '../shared/protocol';

export class BuildError extends Error {
  constructor(
    readonly kind: BuildErrorKind,
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column} ${kind}: ${reason}`);
    this.name = 'BuildError';
  }

  info(): BuildErrorInfo {
    return { kind: this.kind, file: this.file, line: this.line, column: this.column, message: this.reason };
  }
}
