import { sessionResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { sessionCookie, sessionIdFromCookie } from '@/lib/auth/session-cookie';
import { parsePasswordSignUp, passwordSignUp, passwordSignUpBody } from '@/lib/passwords/password-sign-up';
import { limitCeremonyStart } from '@/lib/rate-limit/ceremony-limits';
import { ensureBinding, existingBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Creates an account with a username and password, signed in on this site (the session cookie is in the response). */
export const POST = jsonRoute(passwordSignUpBody, async (request, body) => {
  const { site } = relyingPartyFor(request);
  const signUp = parsePasswordSignUp(body);
  // The passkey sign-up's limits: per address, and per browser when it already has a binding.
  await limitCeremonyStart(request, ensureBinding(request), 'sign-up');
  const result = await passwordSignUp({
    site,
    signUp,
    userAgent: request.headers.get('user-agent'),
    previousSessionId: await sessionIdFromCookie(request),
    // Only a binding the browser already holds: this answer sets no binding cookie.
    bindingHash: existingBinding(request),
  });
  return sessionResponse({ user: result.user }, await sessionCookie(result.session));
});
