// The public origin for links a page hands out (share links, QR codes, link previews).
import { headers } from 'next/headers';
import { getEnvOrThrow } from '../env';
import { publicOrigin } from '../http';

export async function pageOrigin(): Promise<string> {
  return publicOrigin(await headers(), undefined, getEnvOrThrow().PUBLIC_BASE_URL);
}
