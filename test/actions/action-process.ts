import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/build.js';

export interface ActionRun {
  code: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
}

export interface ActionRunOptions {
  /** Inputs as a workflow's `with:` would give them; unset ones get the action.yml default. */
  inputs?: Record<string, string>;
  /** The job's working directory (GITHUB_WORKSPACE). */
  cwd: string;
  eventName?: string;
  event?: unknown;
  /** What `${{ github.token }}` evaluates to ('' = no token). */
  token?: string;
  env?: Record<string, string>;
}

/** Parse a GITHUB_OUTPUT file (`name<<delimiter` blocks, as @actions/core writes them). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
      outputs[m[1]!] = value.join('\n');
    } else if (lines[i]!.includes('=')) {
      const [k, ...v] = lines[i]!.split('=');
      outputs[k!] = v.join('=');
    }
  }
  return outputs;
}

/**
 * Run `node dist/<action>.js` the way the runner does: INPUT_<NAME> variables (uppercased,
 * hyphens kept) with action.yml defaults filled in, real GITHUB_OUTPUT, GITHUB_STEP_SUMMARY
 * and GITHUB_EVENT_PATH files.
 */
export async function runActionProcess(action: string, opts: ActionRunOptions): Promise<ActionRun> {
  const meta = parse(await readFile(path.join(repoRoot, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const files = await mkdtemp(path.join(os.tmpdir(), `opsgate-runner-${action}-`));
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary.md');
  const eventFile = path.join(files, 'event.json');
  await Promise.all([
    writeFile(outputFile, ''),
    writeFile(summaryFile, ''),
    writeFile(eventFile, JSON.stringify(opts.event ?? {})),
  ]);
  const expressions: Record<string, string> = {
    '${{ github.token }}': opts.token ?? '',
    '${{ github.workflow }}': 'opsgate test workflow',
    '${{ github.sha }}': opts.env?.GITHUB_SHA ?? '0123456789abcdef0123456789abcdef01234567',
    '${{ github.ref_name }}': 'main',
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')) env[k] = v;
  for (const [name, input] of Object.entries(meta.inputs)) {
    const value = opts.inputs?.[name] ?? expressions[input.default ?? ''] ?? input.default ?? '';
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.cwd,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: opts.eventName ?? 'workflow_dispatch',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKFLOW: 'opsgate test workflow',
    RUNNER_TEMP: files,
    ...opts.env,
  });
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', `${action}.js`)], {
    cwd: opts.cwd,
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve(c ?? -1);
    });
  });
  return {
    code,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    stdout,
    stderr,
  };
}
