import { en } from './en';
import { format } from './messages';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The 404 page for a Host this deployment does not serve. Built as a string in the proxy
 * because no site (and so no layout, theme or language) applies to such a request.
 */
export function unknownHostPage(host: string): string {
  const title = escapeHtml(en.unknownHost.title);
  const body = escapeHtml(format(en.unknownHost.body, { host: host || '(no Host header)' }));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1>${title}</h1><p>${body}</p></body></html>`;
}
