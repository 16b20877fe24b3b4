import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * The demo's DAST scan uses Debian's wapiti package when no ZAP can run. Installed here when
 * missing and running as root; otherwise the scan records itself as skipped with the reason.
 */
export async function ensureWapiti(log: (line: string) => void): Promise<void> {
  if (
    await execFileAsync('wapiti', ['--version']).then(
      () => true,
      () => false,
    )
  )
    return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    log('demo: wapiti not found and not root: the DAST scan will be skipped (apt-get install -y wapiti)');
    return;
  }
  log('demo: installing wapiti from the OS packages …');
  const opts = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 };
  try {
    await execFileAsync('apt-get', ['install', '-y', '-qq', 'wapiti'], opts).catch(async () => {
      await execFileAsync('apt-get', ['update', '-qq'], opts);
      await execFileAsync('apt-get', ['install', '-y', '-qq', 'wapiti'], opts);
    });
  } catch (err) {
    log(
      `demo: could not install wapiti (${(err as Error).message.split('\n')[0]}): the DAST scan will be skipped`,
    );
  }
}
