import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { redact } from '../../core/secrets.js';

/** What a PostgreSQL tool run left behind: exit code as a number, stderr for the evidence. */
export interface ToolRun {
  /** Exit code, or null when the process was killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Redacted stderr (the last 64 KiB). */
  stderr: string;
  durationMs: number;
}

export interface RunToolOptions {
  env?: NodeJS.ProcessEnv;
  /** Piped to the tool's stdin through this process (e.g. a zlib stream into psql). */
  stdin?: Readable;
  /**
   * Handed to the tool as its stdin file descriptor (another process's stdout): the data flows
   * process to process like a shell pipe, never through this one. Our copy is closed after spawn.
   */
  stdinFrom?: Readable;
  /** Aborting kills the tool (SIGTERM), so an interrupted drill stops writing at once. */
  signal?: AbortSignal;
  /** Called with the pid once the tool runs (tests use it to interrupt mid-restore). */
  onSpawn?: (pid: number) => void;
}

const STDERR_LIMIT = 64 * 1024;

/** Run a tool to completion; never throws for a non-zero exit (the caller reads the number). */
export function runTool(file: string, args: string[], opts: RunToolOptions = {}): Promise<ToolRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      stdio: [opts.stdinFrom ?? (opts.stdin ? 'pipe' : 'ignore'), 'ignore', 'pipe'],
      signal: opts.signal,
    });
    opts.stdinFrom?.destroy();
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT);
    });
    if (opts.stdin && child.stdin) {
      // The tool may exit early (ON_ERROR_STOP): a broken pipe is then expected, not a crash.
      child.stdin.on('error', () => undefined);
      opts.stdin.on('error', (err) => {
        stderr += `\ninput stream: ${err.message}\n`;
        child.stdin?.destroy();
      });
      opts.stdin.pipe(child.stdin);
    }
    child.on('spawn', () => child.pid !== undefined && opts.onSpawn?.(child.pid));
    child.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code === 'ABORT_ERR') return; // reported through 'close'
      reject(err);
    });
    child.on('close', (code, signal) => {
      opts.stdin?.unpipe();
      opts.stdin?.destroy();
      resolve({
        exitCode: code,
        signal,
        stderr: redact(stderr.trim()),
        durationMs: performance.now() - started,
      });
    });
  });
}
