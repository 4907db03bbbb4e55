import type { Metadata } from 'next';
import { SiteMark } from '@/components/site-mark';
import { env } from '@/lib/env/env';
import { edgeFromEnv, manualBrowserCommand } from '@/lib/local/edge-env';
import { format, messagesFor } from '@/lib/i18n/messages';
import { primaryOrigin, rpSite, siteConfig } from '@/lib/sites/config';

// Reads the edge the dev launcher started (environment at request time), so never prerendered.
export const dynamic = 'force-dynamic';

const t = messagesFor('en');

export const metadata: Metadata = { title: t.local.title };

export default function LocalIndex() {
  const edge = edgeFromEnv(env);
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold">{t.local.title}</h1>
        <p className="text-slate-700">{t.local.intro}</p>
      </section>
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t.local.sitesHeading}</h2>
        <ul className="space-y-2">
          {siteConfig.sites.map((site) => (
            <li key={site.id} className="flex items-center gap-3">
              <SiteMark site={site} size={28} />
              <code>{primaryOrigin(site)}</code>
              <span className="text-slate-600">{site.name}</span>
            </li>
          ))}
        </ul>
      </section>
      {edge ? (
        <section className="space-y-3">
          <p>{t.local.launchedHint}</p>
          <h2 className="text-xl font-semibold">{t.local.manualHeading}</h2>
          <p>{t.local.manualBody}</p>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">
            {manualBrowserCommand(edge, primaryOrigin(rpSite()))}
          </pre>
        </section>
      ) : (
        <p className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-300">
          {format(t.local.noEdge, { port: String(env.PORT) })}
        </p>
      )}
    </div>
  );
}
