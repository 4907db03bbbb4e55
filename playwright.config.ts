import { suiteConfig } from './e2e/suite-config';
import { APP_PORT, EDGE_PORT } from './e2e/ports';

// The whole suite, against the production build (`npm run build` first).
export default suiteConfig({
  mode: 'production',
  appPort: APP_PORT,
  edgePort: EDGE_PORT,
  testIgnore: '**/dev-mode.spec.ts',
  runAlone: '**/fuzz.spec.ts',
  timeout: 60_000,
});
