// Helpers for route handlers: JSON bodies in, AppError out as { error } with its status.
import { NextResponse } from 'next/server';
import { AppError, publicMessage } from './errors';

/** Reads a JSON body, refusing other content types and bodies over `maxBytes`. */
export async function readJsonOrThrow(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('unsupported_type', 'Send the body as JSON with "Content-Type: application/json".');
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new AppError('too_large', `The body is larger than ${maxBytes.toLocaleString('en')} bytes.`);
  const raw = await request.text();
  if (Buffer.byteLength(raw) > maxBytes) {
    throw new AppError('too_large', `The body is larger than ${maxBytes.toLocaleString('en')} bytes.`);
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('bad_input', 'The body is not valid JSON.');
  }
}

export function errorResponse(error: unknown): NextResponse {
  const status = error instanceof AppError ? error.status : 500;
  return NextResponse.json({ error: publicMessage(error) }, { status });
}

/** The address the client used: PUBLIC_BASE_URL when set, else the request's Host (next start
 *  builds request.url from its own hostname, which is "localhost" for a client on another machine). */
export function publicOrigin(headers: Headers, fallbackUrl: string | undefined, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  const proto = headers.get('x-forwarded-proto') ?? (fallbackUrl ? new URL(fallbackUrl).protocol.replace(':', '') : 'http');
  if (host && /^[a-z0-9.\-:[\]]+$/i.test(host)) return `${proto === 'https' ? 'https' : 'http'}://${host}`;
  return fallbackUrl ? new URL(fallbackUrl).origin : 'http://localhost:3000';
}

/** The client's address as the proxy in front (or Next) reports it; "local" when none is given. */
export function clientAddress(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || 'local';
}
