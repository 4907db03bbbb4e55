import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { DoctorReportView } from '@/components/doctor/doctor-report';
import { runDoctor } from '@/lib/doctor/run-doctor';
import { serverTransport } from '@/lib/doctor/server-transport';
import { siteConfig } from '@/lib/sites/config';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import { resolveSite } from '@/lib/sites/resolve-site';

/** The report is about the RP ID's well-known, so it lives on the RP ID's own host only. */
async function onRpIdHost(): Promise<boolean> {
  return resolveSite((await headers()).get('host'))?.hostname === siteConfig.rpId;
}

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  // No notFound() here: metadata streams after the status is sent, so the page itself answers 404.
  if (!(await onRpIdHost())) return {};
  const { t } = await pageContext(params);
  return { title: t.doctor.title, robots: { index: false } };
}

/**
 * /doctor: the related-origin report for the live deployment, made on every request (the
 * layout renders per request; nothing here is cached). The server checks only the configured
 * RP ID and hostnames, never an address taken from the request.
 */
export default async function DoctorPage({ params }: { params: SiteRouteParams }) {
  if (!(await onRpIdHost())) notFound();
  const { t } = await pageContext(params);
  const report = await runDoctor({ rpId: siteConfig.rpId, config: siteConfig, transport: serverTransport() });
  return <DoctorReportView report={report} t={t.doctor} />;
}
