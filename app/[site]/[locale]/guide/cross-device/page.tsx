import type { Metadata } from 'next';
import { BluetoothTable } from '@/components/sign-in/bluetooth-table';
import { format } from '@/lib/i18n/messages';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  const { t } = await pageContext(params);
  return { title: t.guide.title };
}

const WINDOWS_LINKS = 'HKEY_USERS\\S-1-5-20\\Software\\Microsoft\\Cryptography\\FIDO\\<SID>\\LinkedDevices';

/** /guide/cross-device: signing in with a phone, persistent linking, and what this browser can tell. */
export default async function CrossDeviceGuide({ params }: { params: SiteRouteParams }) {
  const { t } = await pageContext(params);
  const g = t.guide;
  const steps = [g.flowComputer, g.flowPhone, g.flowProximity, g.flowDone];
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{g.title}</h1>
        <p className="text-slate-700">{g.intro}</p>
      </header>

      <section aria-labelledby="flow-heading" className="space-y-3">
        <h2 id="flow-heading" className="text-xl font-semibold">
          {g.flowHeading}
        </h2>
        <ol className="grid gap-2 sm:grid-cols-4">
          {steps.map((step, index) => (
            <li key={step} className="flex items-start gap-2 rounded-xl bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200">
              <span aria-hidden="true" className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand text-xs font-bold text-on-brand">
                {index + 1}
              </span>
              <span>{step}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="linking-heading" className="space-y-2">
        <h2 id="linking-heading" className="text-xl font-semibold">
          {g.linkingHeading}
        </h2>
        <p className="text-slate-700">{g.linkingBody}</p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{g.linkingFirst}</li>
          <li>{g.linkingLater}</li>
        </ul>
      </section>

      <section aria-labelledby="remove-heading" className="space-y-2">
        <h2 id="remove-heading" className="text-xl font-semibold">
          {g.removeHeading}
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li className="break-words">{format(g.removeWindowsRegistry, { path: WINDOWS_LINKS })}</li>
          <li>{g.removeWindowsSettings}</li>
          <li>{g.removeChrome}</li>
          <li>{g.removeAndroid}</li>
        </ul>
      </section>

      <section aria-labelledby="table-heading" className="space-y-3">
        <h2 id="table-heading" className="text-xl font-semibold">
          {g.tableHeading}
        </h2>
        <BluetoothTable t={g} crossDevice={t.crossDevice} />
      </section>
    </article>
  );
}
