import type { Site } from '@/lib/sites/schema';

/** The site's logo: its mark on a badge in the brand colours. */
export function SiteMark({ site, size = 36 }: { site: Site; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true">
      <rect width="40" height="40" rx="10" fill={site.theme.brand} />
      <text
        x="20"
        y="21"
        textAnchor="middle"
        dominantBaseline="middle"
        fontFamily="system-ui, sans-serif"
        fontWeight="700"
        fontSize={site.theme.mark.length > 1 ? 15 : 20}
        fill={site.theme.onBrand}
      >
        {site.theme.mark}
      </text>
    </svg>
  );
}
