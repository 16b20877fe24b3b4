/**
 * Config validation cost: a generated 1 MB opsgate.yml with 40,000 keys, valid and with 20,000
 * problems, parsed and validated in-process (what `opsgate validate` does after reading the file),
 * then the whole `node dist/opsgate.js validate` command on the valid file (run `npm run build` first).
 *
 *   npx tsx bench/config-validate.ts [runs]
 *
 * Figures are in the closing notes of the work that changed them; the rule it must keep is
 * "a 1 MB config validates in < 1 s". The parse boundary reads js-yaml's event stream (about
 * 70 ms per MB here); a full document model (the `yaml` library) cost about 1 s per MB, and its
 * uniqueKeys check had made 40,000 keys take 80 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfigText } from '../src/core/config/load-config.js';
import { ConfigError } from '../src/core/errors.js';
import { largeConfig } from '../test/support/large-config.js';

const runs = Number(process.argv[2] ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// The same 40,000 keys through JSON.parse: a machine-speed yardstick, so a figure taken on a
// busy machine can be compared with one from an idle one.
const yardstick: number[] = [];
const json = JSON.stringify(Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i])));
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  JSON.parse(json);
  yardstick.push(performance.now() - t0);
}
console.log(`yardstick: JSON.parse of 40,000 keys, median ${median(yardstick).toFixed(1)} ms`);

for (const broken of [false, true]) {
  const { text, keys } = largeConfig({ broken });
  const ms: number[] = [];
  let problems = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      parseConfigText(text, 'opsgate.yml', {});
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems.length;
    }
    ms.push(performance.now() - t0);
  }
  console.log(
    `${broken ? 'broken' : 'valid '} ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB, ${keys} keys: ` +
      `median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms over ${runs} runs` +
      (broken ? `, ${problems} problems reported` : ''),
  );
}

// The whole command, as a user runs it: Node start-up, reading, parsing, validating, printing.
const dir = mkdtempSync(path.join(os.tmpdir(), 'opsgate-bench-config-'));
const file = path.join(dir, 'opsgate.yml');
writeFileSync(file, largeConfig().text);
const cli = path.resolve(import.meta.dirname, '../dist/opsgate.js');
const wall: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, '--config', file, 'validate'], { encoding: 'utf8' });
  wall.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(`opsgate validate exited ${r.status}: ${r.stderr}`);
}
rmSync(dir, { recursive: true, force: true });
console.log(
  `opsgate validate (node dist/opsgate.js), 1 MB valid: median ${median(wall).toFixed(0)} ms, max ${Math.max(...wall).toFixed(0)} ms`,
);
