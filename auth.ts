import NextAuth, { type DefaultSession } from 'next-auth';
import { headers } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { databaseUnavailable } from '@/lib/db/database-unavailable';
import { isSessionLive, revokeSession, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/sessions';
import { resolveSite } from '@/lib/sites/resolve-site';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string } & DefaultSession['user'];
  }
}

/**
 * Auth.js's configuration of the session cookie (host-only, so each site of the family has its
 * own) and its routes under /api/auth, of which GET /api/auth/session is the one page script may
 * use. The cookie is minted by the ceremony routes with Auth.js's encoding
 * (lib/auth/session-cookie.ts), so there is no provider: no Auth.js route turns anything into a
 * session. Pages and API routes read the session with currentSession()
 * (lib/auth/current-session.ts), which tells a database outage from "signed out".
 */
export const { handlers } = NextAuth({
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
      if (!site) return null;
      try {
        return (await isSessionLive(token.sid, site.id)) ? token : null;
      } catch (error) {
        // Auth.js deletes the cookie whenever this callback refuses or throws: a database
        // outage must not sign everyone out. What the session endpoint shows meanwhile is the
        // name already in the cookie; it authorizes nothing (currentSession() answers 503).
        if (databaseUnavailable(error)) return token;
        throw error;
      }
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
