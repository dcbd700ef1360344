// Read the field messages our API attaches to errors (see server/api/trpc.ts).
export function fieldErrors(err: unknown): Record<string, string> {
  const data = (err as { data?: { fields?: Record<string, string> } } | null)?.data;
  return data?.fields ?? {};
}

export function errorMessage(err: unknown): string {
  if (!err) return '';
  const e = err as { message?: string; data?: { code?: string } };
  return e.message ?? 'Something went wrong';
}
