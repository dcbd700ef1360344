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

/**
 * Save a validated step: show the validation messages, or call the mutation and map the
 * server's field messages back onto the form. Resolves to whether it saved.
 */
export async function saveValidated<T>(
  result: { data?: T; errors: Record<string, string> },
  setErrors: (e: Record<string, string>) => void,
  save: (data: T) => Promise<unknown>,
  fieldErrors: (err: unknown) => Record<string, string>,
): Promise<boolean> {
  setErrors(result.errors);
  if (!result.data) return false;
  try {
    await save(result.data);
    return true;
  } catch (err) {
    setErrors(fieldErrors(err));
    return false;
  }
}
