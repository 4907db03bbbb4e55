/** English catalogue: the source of truth for which messages exist (ja.ts must match its shape). */
export const en = {
  meta: {
    languageName: 'English',
    switchLanguage: 'Language',
  },
  nav: {
    home: 'Home',
    family: 'Sites in this family',
    main: 'Main',
    signIn: 'Sign in',
    signUp: 'Create account',
    account: 'Account',
  },
  home: {
    title: 'Welcome to {site}',
    intro:
      '{site} is one of a family of sites that share a single account. A passkey you create on any listed site signs you in on all of them.',
    rpIdLine: 'Passkeys here belong to {rpId}.',
    listedBadge: 'shares passkeys',
    unlistedBadge: 'not listed',
    thisSite: 'this site',
    wellKnownLink: 'See the list of related origins',
    ctaHeading: 'One passkey, every site',
    ctaBody: 'Create an account here with a passkey, then sign in with that same passkey on any other listed site.',
  },
  unlisted: {
    title: 'Passkeys do not work on this site yet',
    body:
      '{site} is not listed in {wellKnown}, so your browser refuses to use passkeys for {rpId} here. That refusal is the browser protecting you: only the sites that {rpId} names may use its passkeys.',
    fix: 'A deployer adds this site by setting listed: true for it in sites.config.ts and deploying again.',
  },
  passkeys: {
    checking: 'Checking what this browser can do with passkeys…',
    unsupported: 'This browser cannot use passkeys. Open this page in a current version of Chrome, Edge, Safari or Firefox.',
    noPlatformAuthenticator:
      'This device has no built-in passkey support. Your browser can still use a passkey on your phone or on a security key.',
    noRelatedOrigins:
      'This browser does not support related origins yet, so it may refuse passkeys of {rpId} on {site}. They work on {rpId} itself.',
  },
  ceremonyErrors: {
    cancelled: 'The passkey request was cancelled or timed out. Nothing was changed; try again when you are ready.',
    alreadyRegistered: 'This device already has a passkey for your account.',
    securityListed:
      'Your browser refused to use passkeys of {rpId} on {site}. It checks {wellKnown} for this site: try again, and if it keeps failing, make sure that file lists this site and can be fetched.',
    unsupported: 'Your browser or authenticator cannot create or use this kind of passkey. Try another browser or device.',
    usernameTaken: 'That username is already taken. Choose another one, or sign in if it is yours.',
    invalidUsername: 'Usernames are 3 to 32 letters, digits, dots, hyphens or underscores.',
    invalidDisplayName: 'Display names are up to 64 characters, without invisible or control characters.',
    rateLimited: 'Too many attempts from here. Wait a minute, then try again.',
    unavailable: 'The service is briefly unavailable on our side. Wait a few seconds, then try again.',
    expired: 'That took too long, so the request expired. Try again.',
    stale: 'This request is no longer valid: it was already completed, or it was started in another tab, browser or site. Try again.',
    userVerification: 'Your device did not confirm that it is you (PIN, fingerprint or face). Try again and complete that step.',
    verificationFailed: 'The response from your passkey could not be verified. Try again.',
    credentialRegistered: 'This passkey is already registered to an account. Sign in with it instead.',
    unknownCredential:
      'This passkey is no longer registered here: it was removed from its account. Choose another passkey, or create a new account.',
    notSignedIn: 'Your session has ended. Sign in again, then add the passkey.',
    unexpected: 'Something went wrong: {message}',
  },
  signup: {
    title: 'Create an account',
    intro:
      'No password: your account is a username and a passkey, and that passkey signs you in on every listed site of the family.',
    username: 'Username',
    usernameHint: '3 to 32 letters, digits, dots, hyphens or underscores.',
    displayName: 'Display name (optional)',
    displayNameHint: 'Your passkey manager shows it next to the username.',
    submit: 'Create account with a passkey',
    haveAccount: 'Already have a passkey?',
  },
  signin: {
    title: 'Sign in',
    intro: 'Use a passkey you created on any listed site of the family.',
    username: 'Username',
    usernameHint: 'Your passkeys are offered as suggestions in this field. You can also press the button without typing anything.',
    submit: 'Sign in with a passkey',
    noAccount: 'No account yet?',
  },
  account: {
    title: 'Your account',
    signedInAs: 'Signed in as',
    displayName: 'Display name',
    createdOn: 'Account created on {site}, {date}',
    passkeysHeading: 'Your passkeys',
    passkeysLabel: 'Passkeys',
    passkeysLegend:
      'Synced passkeys are backed up by their provider and reach your other devices; device-bound ones stay on one device or security key.',
    unknownProvider: 'Unknown provider',
    synced: 'Synced',
    deviceBound: 'Device-bound',
    passkeyCreated: 'Created on {site}, {date}',
    passkeyLastUsed: 'Last used on {site}, {date}',
    neverUsed: 'Never used',
    addPasskey: 'Add a passkey',
    addHint: 'Add one on another device or in another password manager, so you can still sign in if you lose this one.',
    added: 'Passkey added.',
    rename: 'Rename',
    nameLabel: 'Passkey name',
    save: 'Save',
    cancel: 'Cancel',
    renamed: 'Name saved.',
    nameInvalid: 'Use 1 to 64 characters.',
    renameFailed: 'The name could not be saved. Try again in a moment.',
    signOut: 'Sign out',
    signOutFailed: 'Signing out did not work. Try again in a moment.',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is nothing at this address on {site}.',
    back: 'Back to the home page',
  },
  unknownHost: {
    title: 'Unknown site',
    body: 'This deployment does not serve {host}. Check the address, or add the hostname to sites.config.ts.',
  },
  local: {
    title: 'Passkey Atlas is running',
    intro:
      'The sites are served on their real hostnames over HTTPS through the local edge, not on localhost: passkeys need the real origins.',
    sitesHeading: 'The sites',
    launchedHint: 'If `npm run dev` opened a browser window, use it: it is already set up for the edge.',
    manualHeading: 'Open them in your own Chrome or Chromium',
    manualBody: 'Start a separate browser profile that uses the edge as its proxy and trusts its certificate:',
    noEdge:
      'No local edge is attached to this server. In production the sites sit behind a TLS proxy (Vercel, nginx) that keeps the Host header and sets X-Forwarded-Proto: https. Locally, run `npm run dev`, or `npm run edge -- --upstream {port}` beside `npm start`.',
  },
};

/** A catalogue has exactly the shape of the English one, with its own strings. */
export type Messages = { [Section in keyof typeof en]: { [Key in keyof (typeof en)[Section]]: string } };
