/**
 * The cookies one client holds for one site. The API's cookies are host-only with `Path=/`, and
 * a test or benchmark client lives for minutes, so a name → value map is the whole jar: a general
 * cookie library would add only CPU, which the load generator shares with the server it measures.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Applies a response's Set-Cookie headers; `Max-Age=0` or a past `Expires` deletes (sign-out). */
  store(setCookie: readonly string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      if (attributes.some(isExpiry)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(separator + 1).trim());
    }
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return Array.from(this.cookies, ([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Forgets the cookies whose name matches, as a browser does when they expire. */
  delete(matches: (name: string) => boolean): void {
    for (const name of this.cookies.keys()) if (matches(name)) this.cookies.delete(name);
  }
}

function isExpiry(attribute: string): boolean {
  const separator = attribute.indexOf('=');
  if (separator < 0) return false;
  const key = attribute.slice(0, separator).trim().toLowerCase();
  const value = attribute.slice(separator + 1).trim();
  if (key === 'max-age') return Number(value) <= 0;
  if (key === 'expires') return Date.parse(value) <= Date.now();
  return false;
}
