// One error type for everything a person can fix, mapped to HTTP statuses by route handlers.

export type AppErrorCode = 'bad_input' | 'too_large' | 'unsupported_type' | 'not_found' | 'unauthorized' | 'forbidden' | 'conflict' | 'too_many' | 'disk_full';

const STATUS: Record<AppErrorCode, number> = {
  bad_input: 400,
  too_large: 413,
  unsupported_type: 415,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  too_many: 429,
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
  if (error instanceof AppError) return error;
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
