// One error type for everything a person can fix, mapped to HTTP statuses by route handlers.

export type AppErrorCode = 'bad_input' | 'too_large' | 'unsupported_type' | 'not_found' | 'unauthorized' | 'conflict' | 'too_many' | 'unavailable';

const STATUS: Record<AppErrorCode, number> = {
  bad_input: 400,
  too_large: 413,
  unsupported_type: 415,
  not_found: 404,
  unauthorized: 401,
  conflict: 409,
  too_many: 429,
  unavailable: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/**
 * True for an AppError from any copy of this module: Next may bundle it into more than one chunk,
 * and an error made by one copy fails `instanceof` against another, so the name and code decide.
 */
export function isAppError(error: unknown): error is AppError {
  if (!(error instanceof Error) || error.name !== 'AppError') return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(STATUS, code);
}

/** The HTTP status of an AppError (by its code, so a copy from another chunk maps too). */
export function appErrorStatus(error: AppError): number {
  return STATUS[error.code];
}

/** The message a person sees: an AppError's own, or a generic one (the cause is logged). */
export function publicMessage(error: unknown): string {
  if (isAppError(error)) return error.message;
  console.error(error);
  return 'Something went wrong on the server. Try again; if it keeps happening, check the server log.';
}
