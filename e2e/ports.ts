/** The Playwright suite's own stack, on ports apart from `npm run dev`'s (3000/3443). */
export const APP_PORT = 3100;
export const EDGE_PORT = 3543;
