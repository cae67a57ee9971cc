// One error type for everything a person can fix, mapped to HTTP statuses by route handlers.

export type AppErrorCode = 'bad_input' | 'too_large' | 'unsupported_type' | 'not_found' | 'unauthorized' | 'forbidden' | 'conflict' | 'too_many' | 'unavailable' | 'disk_full';

const STATUS: Record<AppErrorCode, number> = {
  bad_input: 400,
  too_large: 413,
  unsupported_type: 415,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  too_many: 429,
  unavailable: 503,
  disk_full: 507,
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

/** SQLite's "database or disk is full" (SQLITE_FULL), wherever Prisma put it: the write was rolled back. */
function isDiskFull(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'SQLITE_FULL' || (typeof message === 'string' && message.includes('database or disk is full'))) return true;
  }
  return false;
}

/** An AppError for what a person can act on: our own, or a storage fault; null for anything else. */
export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (isDiskFull(error)) {
    console.error('A write failed because the disk is full:', error instanceof Error ? error.message : error);
    return new AppError('disk_full', "The server's disk is full: nothing was saved. Tell whoever runs the app.");
  }
  return null;
}

/** The message a person sees: an AppError's own, or a generic one (the cause is logged). */
export function publicMessage(error: unknown): string {
  const known = toAppError(error);
  if (known) return known.message;
  console.error(error);
  return 'Something went wrong on the server. Try again; if it keeps happening, check the server log.';
}
