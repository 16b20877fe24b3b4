import { z } from 'zod';

/** Configuration of the `dast` check. */
export const dastSection = z
  .object({
    enabled: z.boolean().default(true),
  })
  .strict()
  .optional();
