import http from 'node:http';
import { APP_PORT } from './ports';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request straight to the Next.js server with a chosen Host header, as a TLS-terminating
 * proxy would send it (fetch cannot set Host, so this uses node:http).
 */
export function requestAs(host: string, pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: 'localhost',
        port: APP_PORT,
        path: pathname,
        method: init.method ?? 'GET',
        headers: { host, 'x-forwarded-proto': 'https', ...init.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
