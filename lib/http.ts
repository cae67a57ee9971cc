// Helpers for route handlers: JSON bodies in, AppError out as { error } with its status.
import { NextResponse } from 'next/server';
import { AppError, appErrorStatus, isAppError, publicMessage } from './errors';

/**
 * Reads the body as bytes, refusing it as soon as it passes `maxBytes`: a declared Content-Length
 * before anything is read, a chunked body at the chunk that crosses the limit (never read whole).
 */
export async function readBodyOrThrow(request: Request, maxBytes: number, tooLarge: string): Promise<Buffer> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw new AppError('too_large', tooLarge);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('too_large', tooLarge);
    }
    chunks.push(value);
  }
}

/** Reads a JSON body, refusing other content types and bodies over `maxBytes`. */
export async function readJsonOrThrow(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('unsupported_type', 'Send the body as JSON with "Content-Type: application/json".');
  }
  const raw = await readBodyOrThrow(request, maxBytes, `The body is larger than ${maxBytes.toLocaleString('en')} bytes.`);
  try {
    return JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError('bad_input', 'The body is not valid JSON.');
  }
}

export function errorResponse(error: unknown): NextResponse {
  const status = isAppError(error) ? appErrorStatus(error) : 500;
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
