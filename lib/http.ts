// Helpers for route handlers: JSON bodies in, AppError out as { error } with its status.
import { NextResponse } from 'next/server';
import { getEnvOrThrow } from './env';
import { AppError, appErrorStatus, publicMessage, toAppError } from './errors';
import { peerAddress } from './net/front';
import { clientAddressBehind, publicOriginBehind } from './net/trusted-proxies';

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
  const known = toAppError(error);
  const headers = new Headers();
  const retryAfter = known?.options.retryAfterSeconds;
  if (retryAfter) headers.set('Retry-After', String(retryAfter));
  if (known && appErrorStatus(known) === 401) headers.set('WWW-Authenticate', 'Bearer realm="Nebeneinander editors"');
  return NextResponse.json({ error: known?.message ?? publicMessage(error) }, { status: known ? appErrorStatus(known) : 500, headers });
}

/** The address the client used: PUBLIC_BASE_URL when set, else the request's Host, or the X-Forwarded-Host
 *  and -Proto of a proxy in TRUSTED_PROXIES (next start builds request.url from its own hostname, which
 *  is "localhost" for a client on another machine). */
export function publicOrigin(headers: Headers, fallbackUrl: string | undefined, configured: string | undefined): string {
  const peer = peerAddress(headers);
  const fromTrustedProxy = peer !== null && getEnvOrThrow().TRUSTED_PROXIES.has(peer);
  return publicOriginBehind((name) => headers.get(name), fromTrustedProxy, fallbackUrl, configured);
}

/** The client's address: the TCP peer, or the address the trusted proxies in front report (TRUSTED_PROXIES);
 *  "unknown" when the app runs without scripts/serve.mjs, which alone can say who the peer is. */
export function clientAddress(headers: Headers): string {
  const peer = peerAddress(headers);
  if (peer === null) return 'unknown';
  return clientAddressBehind(peer, headers.get('x-forwarded-for'), headers.get('x-real-ip'), getEnvOrThrow().TRUSTED_PROXIES);
}
