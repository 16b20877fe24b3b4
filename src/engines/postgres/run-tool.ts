import { spawn, type ChildProcess } from 'node:child_process';
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

/**
 * Make a tool stop when this process dies, also by kill -9 (no handler runs then): a `sh` waits
 * on a pipe from us. The tool finishing writes a line and the guard exits quietly; our death
 * closes the pipe unread and the guard sends the tool SIGTERM (pg_restore then stops its -j
 * workers and cancels their queries). The tool stays in the drill's process group, so a
 * terminal's Ctrl-C reaches it too. Returns the release to call when the tool has exited.
 */
export function stopWithThisProcess(child: ChildProcess): () => void {
  if (process.platform === 'win32' || child.pid === undefined) return () => undefined;
  const guard = spawn(
    '/bin/sh',
    ['-c', 'read _ || kill -TERM "$1" 2>/dev/null', 'opsgate-tool-guard', String(child.pid)],
    { stdio: ['pipe', 'ignore', 'ignore'] },
  );
  guard.on('error', () => undefined);
  guard.stdin!.on('error', () => undefined);
  // The guard must never keep a finished drill alive.
  guard.unref();
  (guard.stdin as unknown as { unref?: () => void }).unref?.();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    guard.stdin!.end('done\n');
  };
}

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
    const release = stopWithThisProcess(child);
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
      release();
      reject(err);
    });
    child.on('close', (code, signal) => {
      release();
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
