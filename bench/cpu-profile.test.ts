import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, summariseProfiles } from './cpu-profile';

const app = path.join(os.tmpdir(), 'atlas-app');

describe('classify', () => {
  it('names the package from the last node_modules segment, scoped or not', () => {
    expect(classify(`${app}/node_modules/@prisma/client/runtime/client.js`, app).category).toBe('@prisma/client');
    expect(classify(`${app}/node_modules/next/node_modules/jose/dist/x.js`, app).category).toBe('jose');
  });

  it('puts the project’s own files in one category, keeping the file', () => {
    expect(classify(`${app}/lib/webauthn/authentication.ts`, app)).toEqual({ category: expect.stringMatching(/^project code/), source: 'lib/webauthn/authentication.ts' });
  });
});

describe('summariseProfiles', () => {
  it('counts only samples inside the window, by category', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-profile-'));
    const file = path.join(dir, 'a.cpuprofile');
    const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' });
    fs.writeFileSync(
      file,
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
          { id: 2, callFrame: frame('(idle)') },
          { id: 3, callFrame: frame('verify', `file://${app}/node_modules/@simplewebauthn/server/esm/index.js`), children: [5] },
          { id: 4, callFrame: frame('readJsonBody', `file://${app}/lib/api/json-route.ts`) },
          { id: 5, callFrame: frame('ecImportKey', 'node:internal/crypto/ec') },
        ],
        startTime: 1_000,
        // Sample times: 1,100 (outside), then 1,200 … 1,500 (inside), then 2,500 (outside).
        samples: [3, 3, 5, 4, 2, 3],
        timeDeltas: [100, 100, 100, 100, 100, 1_000],
      }),
    );
    const summary = summariseProfiles([file], app, { fromUs: 1_150, toUs: 1_600 });
    expect(summary.categories.map((c) => [c.name.split(' ')[0], c.percent])).toEqual([
      ['@simplewebauthn/server', 25],
      ['idle', 25],
      ['node', 25],
      ['project', 25],
    ]);
    expect(summary.nodeModules).toEqual([{ name: 'node: crypto', percent: 25 }]);
    // The key import is charged to the package that asked for it.
    expect(summary.byCaller[0]).toEqual({ name: '@simplewebauthn/server', percent: 50 });
    expect(summary.projectFiles).toEqual([{ name: 'lib/api/json-route.ts', percent: 25 }]);
    expect(summary.sampledMs).toBeCloseTo(0.4);
  });
});
