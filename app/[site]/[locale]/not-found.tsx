import { NotFoundMessage } from '@/components/not-found-message';
import { siteConfig } from '@/lib/sites/config';

// A not-found boundary receives no params; the client part reads them from the route, which
// keeps this page (and so its segment) static.
export default function NotFound() {
  const siteNames = Object.fromEntries(siteConfig.sites.map((site) => [site.id, site.name]));
  return <NotFoundMessage siteNames={siteNames} />;
}
