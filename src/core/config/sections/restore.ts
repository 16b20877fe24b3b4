import { z } from 'zod';

/** Configuration of the `restore` check. */
export const restoreSection = z
  .object({
    enabled: z.boolean().default(true),
  })
  .strict()
  .optional();
