/**
 * The three kinds of failure (see DESIGN.md): a ConfigError is the user's to fix (exit 2),
 * a verdict is data in Evidence (exit 1 only through the gate), anything else is a runtime
 * error with context (exit 3).
 */

/** One problem in a configuration file, located by YAML path and line. */
export interface ConfigProblem {
  file?: string;
  line?: number;
  /** Dotted YAML path, e.g. `rbac.matrix[2].expect.viewer`. */
  path: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''} ` : '';
  return `${where}${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Bad configuration or usage: every problem at once, no stack trace. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[] | string) {
    const list = typeof problems === 'string' ? [{ path: '', message: problems }] : problems;
    super(list.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = list;
  }
}

/** The target could not be reached at all; `tried` says exactly what was attempted. */
export class TargetUnreachableError extends Error {
  readonly tried: string[];
  /** The socket or parser error code (ECONNRESET, ECONNREFUSED, HPE_HEADER_OVERFLOW, …), if any. */
  readonly code?: string;
  constructor(tried: string[], cause?: unknown) {
    super(`target unreachable: tried ${tried.join(', ')}${cause ? ` (${describeCause(cause)})` : ''}`);
    this.name = 'TargetUnreachableError';
    this.tried = tried;
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') this.code = code;
  }
}

/** An engine (k6, ZAP, pg_restore, …) could not do its job; not a verdict. */
export class EngineError extends Error {
  constructor(
    readonly engine: string,
    message: string,
  ) {
    super(`${engine}: ${message}`);
    this.name = 'EngineError';
  }
}

/** Exit codes from the CLI contract. */
export const ExitCode = { ok: 0, gateFailed: 1, config: 2, runtime: 3 } as const;

export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const code = (inner as { code?: string } | undefined)?.code ?? (cause as { code?: string }).code;
    return code ? `${code}: ${inner instanceof Error ? inner.message : cause.message}` : cause.message;
  }
  return String(cause);
}
