/**
 * The related-origin doctor from a terminal:
 *
 *   npm run doctor -- https://example.com [--json] [--proxy http://host:port] [--ca file.pem]
 *                                         [--config path/to/sites.config.ts] [--timeout ms]
 *
 * Exit status 0 when every listed site would work, 1 otherwise, 2 for a usage error.
 */
import { en } from '@/lib/i18n/en';
import { parseCliArgs, USAGE, UsageError } from './args';
import { loadSiteConfig } from './load-config';

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    // Loaded here rather than at the top, so an invalid sites.config.ts is reported as a usage error too.
    const config = options.configPath ? await loadSiteConfig(options.configPath) : (await defaultConfig());
    const { runDoctor } = await import('@/lib/doctor/run-doctor');
    const { describeFinding } = await import('@/lib/doctor/describe');
    const { textReport } = await import('./text-report');

    const report = await runDoctor({ rpId: options.rpId ?? config.rpId, config, transport: options.transport });
    if (options.json) {
      const findings = report.findings.map((finding) => ({ ...finding, message: describeFinding(finding, en.doctor) }));
      process.stdout.write(`${JSON.stringify({ ...report, findings }, null, 2)}\n`);
    } else {
      process.stdout.write(textReport(report, options.configPath ?? 'sites.config.ts', en.doctor));
    }
    return report.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`doctor: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
}

async function defaultConfig() {
  const { SiteConfigError } = await import('@/lib/sites/schema');
  try {
    return (await import('@/lib/sites/config')).siteConfig;
  } catch (error) {
    if (error instanceof SiteConfigError) throw new UsageError(error.message);
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`doctor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
