import type { Metadata } from 'next';
import { SequenceDiagram } from '@/components/sequence-diagram/sequence-diagram';
import { WalkthroughSteps, type WalkthroughStep } from '@/components/walkthrough/walkthrough-steps';
import { format, type Messages } from '@/lib/i18n/messages';
import { siteById, siteConfig } from '@/lib/sites/config';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import type { Site } from '@/lib/sites/schema';
import { WALKTHROUGH_STEPS, type WalkthroughStepId } from '@/lib/walkthrough/steps';
import { passkeySite } from '@/lib/webauthn/client/passkey-site';

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  const { t } = await pageContext(params);
  return { title: t.walkthrough.title };
}

type Key = keyof Messages['walkthrough'];

/** Each step's words in the catalogue, and the page of its site where it is done. */
const STEP_TEXT: Record<WalkthroughStepId, { title: Key; doText: Key; see: Key; why: Key; note?: Key; action: Key; href: string }> = {
  'create-account': { title: 'step1Title', doText: 'step1Do', see: 'step1See', why: 'step1Why', action: 'step1Action', href: '/signup' },
  'sign-in-elsewhere': { title: 'step2Title', doText: 'step2Do', see: 'step2See', why: 'step2Why', action: 'step2Action', href: '/signin' },
  'session-per-site': { title: 'step3Title', doText: 'step3Do', see: 'step3See', why: 'step3Why', action: 'step3Action', href: '/' },
  'outlet-refused': { title: 'step4Title', doText: 'step4Do', see: 'step4See', why: 'step4Why', action: 'step4Action', href: '/signin' },
  'outlet-listed': { title: 'step5Title', doText: 'step5Do', see: 'step5See', why: 'step5Why', note: 'step5Note', action: 'step5Action', href: '/signin' },
  immediate: { title: 'step6Title', doText: 'step6Do', see: 'step6See', why: 'step6Why', action: 'step6Action', href: '/' },
  'cross-device': { title: 'step7Title', doText: 'step7Do', see: 'step7See', why: 'step7Why', action: 'step7Action', href: '/signin' },
  manage: { title: 'step8Title', doText: 'step8Do', see: 'step8See', why: 'step8Why', action: 'step8Action', href: '/account' },
};

/** The steps in this page's language, with this family's own hostnames and RP ID. */
function walkthroughSteps(t: Messages['walkthrough'], here: Site): WalkthroughStep[] {
  const rpId = siteConfig.rpId;
  return WALKTHROUGH_STEPS.map(({ id, site: siteId }) => {
    const text = STEP_TEXT[id];
    const site = siteId ? siteById(siteId) : undefined;
    const values = { host: site?.hostnames[0] ?? here.hostnames[0] ?? '', rpId, wellKnown: `https://${rpId}/.well-known/webauthn` };
    const say = (key: Key) => format(t[key], values);
    return {
      id,
      title: say(text.title),
      doText: say(text.doText),
      see: say(text.see),
      why: say(text.why),
      ...(text.note && { note: say(text.note) }),
      site: site ? { id: site.id, name: site.name, host: site.hostnames[0] ?? '' } : null,
      here: !site || site.id === here.id,
      action: { href: text.href, label: say(text.action) },
    };
  });
}

/** /walkthrough: the workshop's steps across the family, each Done only when the ceremony log says so. */
export default async function WalkthroughPage({ params }: { params: SiteRouteParams }) {
  const { site, language, t } = await pageContext(params);
  const w = t.walkthrough;
  const related = passkeySite(site, siteConfig.rpId).relatedOrigin;
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{w.title}</h1>
        <p className="text-slate-700">{w.intro}</p>
        <p className="text-sm text-slate-700">{w.trailHint}</p>
      </header>

      <WalkthroughSteps
        steps={walkthroughSteps(w, site)}
        t={{
          stepsLabel: w.stepsLabel,
          progress: w.progress,
          checking: w.checking,
          progressFailed: w.progressFailed,
          done: w.done,
          next: w.next,
          notDone: w.notDone,
          onSite: w.onSite,
          anySite: w.anySite,
          whatToDo: w.whatToDo,
          whatYouSee: w.whatYouSee,
          why: w.why,
          continueOn: w.continueOn,
          handoffFailed: w.handoffFailed,
          joinFailed: w.joinFailed,
          startOver: w.startOver,
          startOverConfirm: w.startOverConfirm,
          startOverYes: w.startOverYes,
          cancel: w.cancel,
          startOverFailed: w.startOverFailed,
        }}
        language={language}
      />

      <section aria-labelledby="diagram-heading" className="space-y-3">
        <h2 id="diagram-heading" className="text-xl font-semibold">
          {w.diagramHeading}
        </h2>
        <p className="text-slate-700">{w.diagramIntro}</p>
        <div className="grid gap-6 md:grid-cols-2">
          <SequenceDiagram messages={t.sequence} rpId={siteConfig.rpId} relatedOrigin={related} sequence="registration" />
          <SequenceDiagram messages={t.sequence} rpId={siteConfig.rpId} relatedOrigin={related} sequence="authentication" />
        </div>
      </section>
    </article>
  );
}
