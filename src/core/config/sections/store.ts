import { z } from 'zod';

/** Where past evidence is kept for baselines, regressions and the drill log. */
export const storeSection = z
  .object({
    dir: z
      .string()
      .default('.opsgate/store')
      .describe('Local evidence store directory (relative to the config file).'),
  })
  .strict()
  .default({ dir: '.opsgate/store' });
