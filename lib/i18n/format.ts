/**
 * Replaces {name} placeholders; an unknown placeholder is left visible so it gets noticed.
 * Its own module so client components can format without bundling the catalogues.
 */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
