// What every check returns: problems that name a file (and line when known), plus figures to print.

export interface Problem {
  /** Path relative to the project root. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface CheckResult {
  name: string;
  problems: Problem[];
  /** Figures and notes printed on every run (sizes, counts). */
  info: string[];
  /** Printed like problems but do not fail the check. */
  warnings?: Problem[];
}

export function result(name: string, problems: Problem[] = [], info: string[] = []): CheckResult {
  return { name, problems, info };
}

export function formatProblem({ file, line, column, message }: Problem): string {
  const where = line === undefined ? file : `${file}:${line}${column === undefined ? '' : `:${column}`}`;
  return `${where}: ${message}`;
}
