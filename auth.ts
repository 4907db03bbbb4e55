import NextAuth, { type DefaultSession } from 'next-auth';
import { headers } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { isSessionLive, revokeSession, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/sessions';
import { resolveSite } from '@/lib/sites/resolve-site';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string } & DefaultSession['user'];
  }
}

/**
 * Sessions: Auth.js reads the cookie (host-only, so each site of the family has its own) and
 * ends it on sign-out; the database row behind it (lib/auth/sessions.ts) is what makes a session
 * listable and revocable. Cookies are minted by the ceremony routes themselves, with Auth.js's
 * encoding (lib/auth/session-cookie.ts), so there is no provider: no Auth.js route turns anything
 * into a session.
 */
export const { handlers, auth, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  cookies: { sessionToken: SESSION_COOKIE },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [],
  callbacks: {
    // Every read: a revoked, expired or idle session row ends the cookie too, and so does a
    // cookie presented on another site than the one its session was made on.
    async jwt({ token }) {
      if (typeof token.sid !== 'string') return null;
      const site = resolveSite((await headers()).get('host'))?.site;
      return site && (await isSessionLive(token.sid, site.id)) ? token : null;
    },
    // What auth() and GET /api/auth/session show: who, never the session id.
    session({ session, token }) {
      session.user.id = token.sub ?? '';
      session.user.name = token.name ?? '';
      return session;
    },
  },
  events: {
    async signOut(message) {
      if ('token' in message && typeof message.token?.sid === 'string') await revokeSession(message.token.sid);
    },
  },
});
