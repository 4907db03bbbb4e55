/**
 * The baseline `npm run bench` measures the project against: the kind of passkey server
 * SimpleWebAuthn's own Express example is. One process, express-session with its in-memory store
 * holding the pending challenge, users and passkeys in Maps, real SimpleWebAuthn verification,
 * no database. It answers the project's four JSON endpoints with the same shapes, so one load
 * generator drives both.
 *
 *   node --import tsx bench/express-baseline/server.ts <port>
 */
import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';

const RP_ID = 'example.com';
const RP_NAME = 'Passkey Atlas (Express baseline)';

interface User {
  id: string;
  username: string;
  displayName: string;
  /** The WebAuthn user handle, base64url. */
  webauthnUserId: string;
}

interface Passkey {
  credential: WebAuthnCredential;
  userId: string;
}

declare module 'express-session' {
  interface SessionData {
    challenge: string;
    pendingUser: User;
    userId: string;
  }
}

const usersByName = new Map<string, User>();
const usersById = new Map<string, User>();
const passkeys = new Map<string, Passkey>();

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The origin the request arrived on, as the project pins it: never a list of origins. */
function originOf(request: Request): string {
  return `https://${request.headers.host ?? ''}`;
}

function takeChallenge(request: Request): string {
  const challenge = request.session.challenge;
  if (!challenge) throw new RequestError(400, 'CHALLENGE_NOT_FOUND', 'No ceremony in progress');
  // Single use: a replayed response finds nothing.
  delete request.session.challenge;
  return challenge;
}

function publicUser(user: User) {
  return { id: user.id, username: user.username, displayName: user.displayName };
}

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '64kb' }));
app.use(
  session({
    secret: randomBytes(32).toString('base64url'),
    resave: false,
    saveUninitialized: true,
    cookie: { httpOnly: true, maxAge: 86_400_000 },
  }),
);

app.get('/api/health', (_request, response) => {
  response.json({ status: 'ok' });
});

app.post('/api/webauthn/registration/options', async (request: Request, response: Response) => {
  const { username, displayName } = (request.body ?? {}) as { username?: string; displayName?: string };
  if (typeof username !== 'string' || !/^[\w.-]{3,32}$/.test(username)) {
    throw new RequestError(422, 'INVALID_USERNAME', 'Invalid username');
  }
  if (usersByName.has(username.toLowerCase())) throw new RequestError(409, 'USERNAME_TAKEN', 'Username taken');
  // Random user handles: authenticators store them, so they must say nothing about the person.
  const webauthnUserId = randomBytes(32);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: RP_ID,
    userName: username,
    userID: webauthnUserId,
    userDisplayName: displayName ?? username,
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  request.session.challenge = options.challenge;
  request.session.pendingUser = {
    id: randomBytes(16).toString('hex'),
    username,
    displayName: displayName ?? username,
    webauthnUserId: webauthnUserId.toString('base64url'),
  };
  response.json({ options });
});

app.post('/api/webauthn/registration/verify', async (request: Request, response: Response) => {
  const { response: credential } = (request.body ?? {}) as { response?: RegistrationResponseJSON };
  const expectedChallenge = takeChallenge(request);
  const user = request.session.pendingUser;
  if (!credential || !user) throw new RequestError(400, 'INVALID_REQUEST', 'No registration to verify');
  const verification = await verifyRegistrationResponse({
    response: credential,
    expectedChallenge,
    expectedOrigin: originOf(request),
    expectedRPID: RP_ID,
    requireUserVerification: true,
  }).catch((error: unknown) => {
    throw new RequestError(400, 'VERIFICATION_FAILED', (error as Error).message);
  });
  if (!verification.verified) throw new RequestError(400, 'VERIFICATION_FAILED', 'Not verified');
  const stored = verification.registrationInfo.credential;
  if (passkeys.has(stored.id)) throw new RequestError(409, 'CREDENTIAL_ALREADY_REGISTERED', 'Already registered');
  if (usersByName.has(user.username.toLowerCase())) throw new RequestError(409, 'USERNAME_TAKEN', 'Username taken');

  usersByName.set(user.username.toLowerCase(), user);
  usersById.set(user.id, user);
  passkeys.set(stored.id, { credential: stored, userId: user.id });
  delete request.session.pendingUser;
  request.session.userId = user.id;
  response.json({ user: publicUser(user), passkey: { id: stored.id, name: 'Passkey' } });
});

app.post('/api/webauthn/authentication/options', async (request: Request, response: Response) => {
  const options = await generateAuthenticationOptions({ rpID: RP_ID, userVerification: 'required' });
  request.session.challenge = options.challenge;
  response.json({ options });
});

app.post('/api/webauthn/authentication/verify', async (request: Request, response: Response) => {
  const { response: assertion } = (request.body ?? {}) as { response?: AuthenticationResponseJSON };
  const expectedChallenge = takeChallenge(request);
  if (!assertion) throw new RequestError(400, 'INVALID_REQUEST', 'No assertion to verify');
  const passkey = passkeys.get(assertion.id);
  if (!passkey) throw new RequestError(404, 'UNKNOWN_CREDENTIAL', 'No such passkey');
  const user = usersById.get(passkey.userId) as User;
  if (assertion.response.userHandle !== user.webauthnUserId) {
    throw new RequestError(400, 'USER_HANDLE_MISMATCH', 'The user handle is not the passkey owner’s');
  }
  const verification = await verifyAuthenticationResponse({
    response: assertion,
    expectedChallenge,
    expectedOrigin: originOf(request),
    expectedRPID: RP_ID,
    credential: passkey.credential,
    requireUserVerification: true,
  }).catch((error: unknown) => {
    throw new RequestError(400, 'VERIFICATION_FAILED', (error as Error).message);
  });
  if (!verification.verified) throw new RequestError(400, 'VERIFICATION_FAILED', 'Not verified');
  // A counter that never moves (synced passkeys report 0) stays 0; a moving one is remembered.
  passkey.credential.counter = verification.authenticationInfo.newCounter;
  request.session.userId = user.id;
  response.json({ user: publicUser(user), passkey: { id: passkey.credential.id, name: 'Passkey' } });
});

// Express 5 passes a rejected async handler's error here.
app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
  if (response.headersSent) {
    next(error);
    return;
  }
  if (error instanceof RequestError) {
    response.status(error.status).json({ error: { code: error.code, message: error.message } });
    return;
  }
  console.error(error);
  response.status(500).json({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong' } });
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 3300);
app.listen(port, 'localhost', () => {
  console.log(`Express baseline on http://localhost:${port}`);
});
