import type { ProbeEndpoint } from '../../core/config/sections/fault.js';
import { describeCause } from '../../core/errors.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import type { ProbeSample } from './judge.js';

/** Rounds that may be in flight at once; a slot that finds them all busy is counted as skipped. */
const MAX_IN_FLIGHT = 8;

export interface ProbeLoopOptions {
  client: TargetClient;
  endpoints: ProbeEndpoint[];
  /** Rounds per second. */
  rate: number;
  /** Hard bound on rounds, whatever happens to the clock. */
  maxRounds: number;
  clock: () => number;
  /** Called in round order once a round and every round before it have answered. */
  onRound?: (round: number, samples: ProbeSample[]) => void;
}

/**
 * Probes every endpoint once per round at a fixed rate (open model: a slow answer does not
 * delay the next round), until stopped or maxRounds. Requests go through the TargetClient, so
 * the request policy (allow-list, credentials on the target origin only, no redirects) applies.
 */
export class ProbeLoop {
  readonly samples: ProbeSample[] = [];
  skipped = 0;
  private round = 0;
  private inFlight = new Set<Promise<void>>();
  private done = new Map<number, ProbeSample[]>();
  private nextReported = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private startedAt = 0;

  constructor(private readonly opts: ProbeLoopOptions) {}

  start(): void {
    this.startedAt = this.opts.clock();
    this.tick();
  }

  /** Stop scheduling and wait for the rounds in flight (each bounded by the probe timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([...this.inFlight]);
  }

  get rounds(): number {
    return this.round;
  }

  private tick(): void {
    if (this.stopped || this.round >= this.opts.maxRounds) return;
    const round = this.round++;
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      this.skipped++;
      this.done.set(round, []);
      this.report();
    } else {
      const p = this.probeRound(round).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    // Fixed rate against the start time, so timer drift does not accumulate.
    const next = this.startedAt + (this.round * 1000) / this.opts.rate;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - this.opts.clock()));
  }

  private async probeRound(round: number): Promise<void> {
    const sentAt = this.opts.clock();
    const samples = await Promise.all(this.opts.endpoints.map((e) => this.probe(round, sentAt, e)));
    this.samples.push(...samples);
    this.done.set(round, samples);
    this.report();
  }

  private report(): void {
    while (this.done.has(this.nextReported)) {
      const samples = this.done.get(this.nextReported)!;
      this.done.delete(this.nextReported);
      if (samples.length) this.opts.onRound?.(this.nextReported, samples);
      this.nextReported++;
    }
  }

  private async probe(round: number, sentAt: number, e: ProbeEndpoint): Promise<ProbeSample> {
    const base = { round, endpoint: e.name, sentAt };
    try {
      const res = await this.opts.client.send(e.identity, { method: e.method, path: e.path });
      return {
        ...base,
        ms: res.ms,
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        timedOut: Boolean(res.timedOut),
      };
    } catch (err) {
      // Hosts and identities are checked before the loop starts; what fails here is the target.
      return {
        ...base,
        ms: this.opts.clock() - sentAt,
        status: 0,
        retryAfter: null,
        timedOut: false,
        error: describeCause(err),
      };
    }
  }
}
