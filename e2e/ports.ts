/** The Playwright suites' own stacks, on ports apart from `npm run dev`'s (3000/3443). */
export const APP_PORT = 3100;
export const EDGE_PORT = 3543;

/** The `next dev` smoke suite (playwright.dev.config.ts). */
export const DEV_APP_PORT = 3200;
export const DEV_EDGE_PORT = 3643;
