import { z } from 'zod';

/** Configuration of the `abuse` check. */
export const abuseSection = z
  .object({
    enabled: z.boolean().default(true),
  })
  .strict()
  .optional();
