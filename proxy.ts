// Passes the requested path to Server Components as a header, so a 404 page can say what was
// asked for (Next does not give not-found.tsx the route's params).
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-nb-path', request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/a/:path*', '/s/:path*'] };
