import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** One invocation of the fake docker: argv, the ZAP_* environment it got, and what "ZAP" saw. */
export interface FakeDockerCall {
  args: string[];
  env: Record<string, string>;
  /** Status of GET <target>/api/me sent with the injected auth header, like ZAP would send it. */
  meStatus?: number;
  meBody?: string;
}

/**
 * A `docker` executable for tests: answers `docker version`, and for `docker run` behaves like
 * the packaged scan script — sends one request to the target with the ZAP_AUTH_HEADER* header,
 * copies a real ZAP report into the mounted /zap/wrk dir and exits with FAKE_ZAP_EXIT.
 */
const script = (node: string): string => `#!${node}
const fs = require('node:fs');
const args = process.argv.slice(2);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ZAP_')));
const call = { args, env };
const done = (code) => { fs.appendFileSync(process.env.FAKE_DOCKER_LOG, JSON.stringify(call) + '\\n'); process.exit(code); };
if (args[0] === 'version') {
  if (process.env.FAKE_DOCKER_DAEMON === 'down') { console.error('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'); done(1); }
  console.log('27.3.1'); done(0);
}
if (args[0] === 'kill') done(0);
if (args[0] !== 'run') { console.error('unexpected docker command ' + args[0]); done(125); }
if (process.env.FAKE_DOCKER_IMAGE_MISSING) { console.error('Unable to find image locally; pull access denied'); done(125); }
const mount = args[args.indexOf('-v') + 1];
const dir = mount.slice(0, mount.indexOf(':/zap/wrk/:rw'));
const script = args.findIndex((a) => a.endsWith('.py'));
const target = args[args.indexOf('-t', script) + 1];
(async () => {
  if (env.ZAP_AUTH_HEADER_VALUE && target.startsWith('http')) {
    const res = await fetch(new URL('/api/me', target), { headers: { [env.ZAP_AUTH_HEADER]: env.ZAP_AUTH_HEADER_VALUE } });
    call.meStatus = res.status; call.meBody = await res.text();
  }
  const code = Number(process.env.FAKE_ZAP_EXIT || 0);
  if (code !== 3) fs.copyFileSync(process.env.FAKE_ZAP_REPORT, dir + '/report.json');
  console.log('Total of 4 URLs\\nFAIL-NEW: 0 FAIL-INPROG: 0 WARN-NEW: 10 WARN-INPROG: 0 INFO: 0 IGNORE: 0 PASS: 56');
  if (code === 3) console.error('ERROR Failed to start ZAP');
  done(code);
})();
`;

/** A `zap.sh` for zap-local: reads the Automation Framework plan and writes the JSON report it asks for. */
const zapSh = (node: string): string => `#!${node}
const fs = require('node:fs');
const args = process.argv.slice(2);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ZAP_')));
const plan = fs.readFileSync(args[args.indexOf('-autorun') + 1], 'utf8');
fs.appendFileSync(process.env.FAKE_DOCKER_LOG, JSON.stringify({ args, env, plan }) + '\\n');
const dir = /reportDir: (.+)/.exec(plan)[1].trim();
const code = Number(process.env.FAKE_ZAP_EXIT || 0);
if (code !== 1) fs.copyFileSync(process.env.FAKE_ZAP_REPORT, dir + '/report.json');
process.exit(code);
`;

export interface FakeDocker {
  /** A fake zap.sh (absolute path) for engine: zap-local. */
  zapSh: string;
  /** Directory holding the `docker` executable, to put on PATH. */
  binDir: string;
  /** An empty directory: a PATH with no docker on it. */
  emptyDir: string;
  logFile: string;
  calls(): Promise<FakeDockerCall[]>;
}

export async function installFakeDocker(): Promise<FakeDocker> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'opsgate-fake-docker-'));
  const binDir = path.join(root, 'bin');
  const emptyDir = path.join(root, 'empty');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(binDir);
  await mkdir(emptyDir);
  const docker = path.join(binDir, 'docker');
  await writeFile(docker, script(process.execPath));
  await chmod(docker, 0o755);
  const zap = path.join(root, 'zap.sh');
  await writeFile(zap, zapSh(process.execPath));
  await chmod(zap, 0o755);
  const logFile = path.join(root, 'calls.jsonl');
  await writeFile(logFile, '');
  return {
    binDir,
    emptyDir,
    zapSh: zap,
    logFile,
    calls: async () =>
      (await readFile(logFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as FakeDockerCall),
  };
}
