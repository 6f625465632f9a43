/** Zod pieces platform settings share: lists, ports, optional text, numbers. */
import { z } from 'zod';

export const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(/[,，\s]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );
export const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined));
export const port = z.coerce.number().int().min(1).max(65535);
