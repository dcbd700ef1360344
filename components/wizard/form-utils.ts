import type { z } from 'zod';

/** Validate with the same zod schema the server uses; map issues to field messages. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): { data?: z.infer<S>; errors: Record<string, string> } {
  const r = schema.safeParse(value);
  if (r.success) return { data: r.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const i of r.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
  return { errors };
}

export const lines = (s: FormDataEntryValue | null) =>
  String(s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
