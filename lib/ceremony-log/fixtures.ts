import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import authenticationHybridJp from './fixtures/authentication-hybrid-jp.json';
import authenticationUk from './fixtures/authentication-uk.json';
import registrationHybridRewards from './fixtures/registration-hybrid-rewards.json';
import registrationRewards from './fixtures/registration-rewards.json';
import securityErrorOutlet from './fixtures/security-error-outlet.json';

// Responses captured from real Chromium ceremonies by tools/ceremony-log/capture-fixtures.ts, typed
// for the tests that decode them and run them through the ceremony core.

interface Captured<Response> {
  description: string;
  rpId: string;
  origin: string;
  challenge: string;
  response: Response;
}

/** A passkey made on https://example-rewards.com, and signed in with on https://example.co.uk. */
export const chromiumPasskey = {
  registration: registrationRewards as Captured<RegistrationResponseJSON>,
  authentication: authenticationUk as Captured<AuthenticationResponseJSON>,
};

/** The same with a hybrid (phone) authenticator, signed in with on https://example.co.jp. */
export const chromiumPhonePasskey = {
  registration: registrationHybridRewards as Captured<RegistrationResponseJSON>,
  authentication: authenticationHybridJp as Captured<AuthenticationResponseJSON>,
};

/** get() on https://example-outlet.com, which the well-known file does not list. */
export const chromiumOutletRefusal = securityErrorOutlet as Omit<Captured<never>, 'response'> & { error: { name: string; message: string } };
