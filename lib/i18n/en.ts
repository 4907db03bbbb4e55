/** English catalogue: the source of truth for which messages exist (ja.ts must match its shape). */
export const en = {
  meta: {
    languageName: 'English',
    switchLanguage: 'Language',
  },
  nav: {
    home: 'Home',
    family: 'Sites in this family',
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
  },
  unlisted: {
    title: 'Passkeys do not work on this site yet',
    body:
      '{site} is not listed in {wellKnown}, so your browser refuses to use passkeys for {rpId} here. That refusal is the browser protecting you: only the sites that {rpId} names may use its passkeys.',
    fix: 'A deployer adds this site by setting listed: true for it in sites.config.ts and deploying again.',
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
