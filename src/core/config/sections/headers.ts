import { z } from 'zod';

/** Configuration of the `headers` check. */
export const headersSection = z
  .object({
    enabled: z.boolean().default(true),
  })
  .strict()
  .optional();
