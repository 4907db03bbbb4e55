import { format, type Messages } from '@/lib/i18n/messages';
import { siteConfig } from '@/lib/sites/config';
import type { Site } from '@/lib/sites/schema';

/** Shown on sites left out of the well-known: why passkeys fail here and how to fix it. */
export function UnlistedNotice({ site, t }: { site: Site; t: Messages }) {
  const wellKnown = `https://${siteConfig.rpId}/.well-known/webauthn`;
  return (
    <section role="note" aria-labelledby="unlisted-heading" className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4">
      <h2 id="unlisted-heading" className="font-semibold">{t.unlisted.title}</h2>
      <p>{format(t.unlisted.body, { site: site.name, wellKnown, rpId: siteConfig.rpId })}</p>
      <p className="text-sm text-slate-700">{t.unlisted.fix}</p>
    </section>
  );
}
