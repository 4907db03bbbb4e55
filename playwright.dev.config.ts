import { suiteConfig } from './e2e/suite-config';
import { DEV_APP_PORT, DEV_EDGE_PORT } from './e2e/ports';

// The demo's own mode: `next dev` behind the edge, as `npm run dev` serves it.
export default suiteConfig({ mode: 'dev', appPort: DEV_APP_PORT, edgePort: DEV_EDGE_PORT, testMatch: '**/dev-mode.spec.ts', timeout: 120_000 });
