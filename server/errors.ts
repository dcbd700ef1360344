// Typed domain errors. Services throw these; the API boundary (server/api/trpc.ts)
// translates them once into tRPC codes, hiding details of anything unexpected.
export type DomainErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'CONFLICT' | 'INVALID' | 'RATE_LIMITED' | 'PRECONDITION';

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message: string,
    /** Field-level messages for forms: { fieldName: message }. */
    public readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (why = 'You do not have permission to do that') => new DomainError('FORBIDDEN', why);
export const conflict = (why: string, fields?: Record<string, string>) => new DomainError('CONFLICT', why, fields);
export const invalid = (why: string, fields?: Record<string, string>) => new DomainError('INVALID', why, fields);
export const precondition = (why: string) => new DomainError('PRECONDITION', why);
