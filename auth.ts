import NextAuth, { type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { claimNewSession, isSessionLive, revokeSession, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/sessions';

declare module 'next-auth' {
  interface Session {
    sessionId: string;
    user: { id: string; name: string } & DefaultSession['user'];
  }
  interface User {
    sessionId?: string;
  }
}

/**
 * Sessions: Auth.js issues and reads the cookie (host-only, so each site of the family has its
 * own); the database row behind it (lib/auth/sessions.ts) is what makes a session listable and
 * revocable. The passkey ceremony itself lives in lib/webauthn: once an assertion verifies, the
 * verify route stores a session and calls signIn('passkey', { sessionId }), which lands here.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/signin' },
  providers: [
    Credentials({
      id: 'passkey',
      name: 'Passkey',
      credentials: { sessionId: {} },
      authorize: async (credentials) => {
        const sessionId = credentials.sessionId;
        return typeof sessionId === 'string' ? claimNewSession(sessionId) : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.sessionId) {
        token.sid = user.sessionId;
        return token;
      }
      // Every later read: a revoked or expired session row ends the cookie too.
      return typeof token.sid === 'string' && (await isSessionLive(token.sid)) ? token : null;
    },
    session({ session, token }) {
      session.sessionId = typeof token.sid === 'string' ? token.sid : '';
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
