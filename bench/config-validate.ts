/**
 * Config validation cost: a generated 1 MB opsgate.yml with 40,000 keys, valid and with 20,000
 * problems, parsed and validated in-process (what `opsgate validate` does after reading the file).
 *
 *   npx tsx bench/config-validate.ts [runs]
 *
 * Measured on the shared 2-core development machine (Node 20, load average 1-2), 7 runs:
 *   yardstick: JSON.parse of 40,000 keys            median   28 ms
 *   valid,  1.13 MB, 40,000 keys                    median 1243 ms (max 1546)
 *   broken, 1.14 MB, 40,000 keys, 20,000 problems   median 2077 ms (max 2574)
 * Linear: a quarter of the keys costs about a quarter of the time (test/core/config-fuzz.test.ts);
 * before the parse boundary was rewritten, 40,000 keys took over 80 s (the yaml library's
 * uniqueKeys check compares every key with every earlier one). About 45 yardsticks; most of it is
 * the yaml library's own parse (about 1 s per MB here).
 */
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
