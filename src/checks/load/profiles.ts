import type { LoadProfile } from '../../core/config/sections/load.js';
import type { LoadScenario } from '../../engines/load-plan.js';

/**
 * Default traffic shape of each profile. All can be replaced with `stages`, or `vus` + `duration`.
 * Short enough to run in CI where that is their purpose (smoke, baseline), long where the point
 * is endurance (soak).
 */
export const PROFILE_SCENARIOS: Record<LoadProfile, LoadScenario> = {
  /** Does it work under any load at all: one user, ten seconds. */
  smoke: { kind: 'constant', vus: 1, durationS: 10 },
  /** The number a PR is compared against: short ramp, one minute of steady traffic. */
  baseline: {
    kind: 'ramping',
    stages: [
      { durationS: 10, target: 10 },
      { durationS: 60, target: 10 },
      { durationS: 5, target: 0 },
    ],
  },
  /** Sustained normal load. */
  steady: {
    kind: 'ramping',
    stages: [
      { durationS: 60, target: 20 },
      { durationS: 600, target: 20 },
      { durationS: 30, target: 0 },
    ],
  },
  /** Climb in steps to find where latency bends. */
  ramp: {
    kind: 'ramping',
    stages: [
      { durationS: 120, target: 25 },
      { durationS: 120, target: 50 },
      { durationS: 120, target: 100 },
      { durationS: 60, target: 0 },
    ],
  },
  /** A sudden burst and recovery. */
  spike: {
    kind: 'ramping',
    stages: [
      { durationS: 30, target: 10 },
      { durationS: 10, target: 200 },
      { durationS: 60, target: 200 },
      { durationS: 10, target: 10 },
      { durationS: 60, target: 10 },
      { durationS: 10, target: 0 },
    ],
  },
  /** Hours of normal load: leaks, pool exhaustion, token expiry. */
  soak: {
    kind: 'ramping',
    stages: [
      { durationS: 120, target: 20 },
      { durationS: 3600, target: 20 },
      { durationS: 120, target: 0 },
    ],
  },
  /** Beyond expected peak, to see how it fails. */
  stress: {
    kind: 'ramping',
    stages: [
      { durationS: 120, target: 50 },
      { durationS: 300, target: 100 },
      { durationS: 300, target: 200 },
      { durationS: 120, target: 0 },
    ],
  },
};
