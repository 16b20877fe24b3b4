import { z } from 'zod';

/** Configuration of the `rbac` check. */
export const rbacSection = z
  .object({
    enabled: z.boolean().default(true),
  })
  .strict()
  .optional();
