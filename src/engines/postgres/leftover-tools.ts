/**
 * Restore tools a dead drill left running on this host. The guard in run-tool.ts stops them
 * when the drill dies; this is the second line, for a guard that never started (the drill was
 * killed between the two spawns) or a tool started by an older opsgate. Tools are recognised by
 * name (pg_restore, psql) and by the scratch database in their `-d` argument.
 */
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const TOOL = /(?:^|\/)(?:pg_restore|psql)(?:\s|$)/;

/** Pids of live pg_restore/psql processes whose arguments name `database`. */
export async function toolProcessesFor(database: string): Promise<number[]> {
  if (process.platform === 'win32') return [];
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('ps', ['-eo', 'pid=,stat=,args='], {
      env: { ...process.env, LC_ALL: 'C' },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 10_000,
    }));
  } catch {
    return [];
  }
  const named = new RegExp(`/${database}(?![0-9a-z_])`);
  const pids: number[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!m || m[2]!.startsWith('Z')) continue; // a zombie has already stopped
    const [pid, args] = [Number(m[1]), m[3]!];
    if (pid !== process.pid && TOOL.test(args.split(' ')[0]! + ' ') && named.test(args)) pids.push(pid);
  }
  return pids;
}

/** SIGTERM, then SIGKILL for what still runs after `graceMs`; returns how many were stopped. */
export async function stopProcesses(pids: number[], graceMs = 2000): Promise<number> {
  const signal = (pid: number, sig: NodeJS.Signals): boolean => {
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const sent = pids.filter((pid) => signal(pid, 'SIGTERM'));
  const deadline = Date.now() + graceMs;
  let running = sent;
  while (running.length && Date.now() < deadline) {
    await sleep(100);
    running = running.filter((pid) => alive(pid));
  }
  for (const pid of running) signal(pid, 'SIGKILL');
  return sent.length;
}
