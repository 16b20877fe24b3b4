import { formatDuration } from '../core/render/format-duration.js';

/**
 * Long phases (a restore of a large dump, a load run, a scan) must not look hung: when a check
 * has logged nothing for `intervalMs`, one line says how long it has been running and what it
 * last reported.
 */
export function progressHeartbeat(
  log: (message: string) => void,
  check: string,
  intervalMs = 5000,
): { log: (message: string) => void; stop: () => void } {
  const started = Date.now();
  let lastLine = Date.now();
  let lastMessage = '';
  const tick = Math.max(20, Math.floor(intervalMs / 5));
  // Checked every tick, so the gap between two lines never exceeds intervalMs.
  const timer = setInterval(() => {
    if (Date.now() - lastLine < intervalMs - tick) return;
    log(`${check}: ${formatDuration(Date.now() - started)} elapsed${lastMessage ? ` — ${lastMessage}` : ''}`);
    lastLine = Date.now();
  }, tick);
  timer.unref();
  return {
    log: (message) => {
      lastLine = Date.now();
      lastMessage = message.split('\n')[0]!.slice(0, 120);
      log(message);
    },
    stop: () => clearInterval(timer),
  };
}
