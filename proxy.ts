// Signed-out visitors go to the sign-in page before any page renders (the layouts still
// verify the session properly; this only avoids rendering protected pages for nobody).
import { NextResponse, type NextRequest } from 'next/server';

const PUBLIC = [/^\/signin/, /^\/signup/, /^\/invite\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/theme-init\.js$/];
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC.some((r) => r.test(pathname))) return NextResponse.next();
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = '/signin';
  url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
