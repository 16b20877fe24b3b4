import { z } from 'zod';

/** Configuration of the `load` check. */
export const loadSection = z
  .object({
    enabled: z.boolean().default(true),
  })
  .strict()
  .optional();
