// One error type for everything a person can fix, mapped to HTTP statuses by route handlers.

export type AppErrorCode = 'bad_input' | 'too_large' | 'unsupported_type' | 'not_found' | 'unauthorized' | 'conflict' | 'too_many';

const STATUS: Record<AppErrorCode, number> = {
  bad_input: 400,
  too_large: 413,
  unsupported_type: 415,
  not_found: 404,
  unauthorized: 401,
  conflict: 409,
  too_many: 429,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** For too_many: when to try again, sent as Retry-After. */
    readonly options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** The message a person sees: an AppError's own, or a generic one (the cause is logged). */
export function publicMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error(error);
  return 'Something went wrong on the server. Try again; if it keeps happening, check the server log.';
}
