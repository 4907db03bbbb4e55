import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVED_BY_HEADER, startBalancer, type Balancer } from './balancer';
import { freePort } from './free-port';

/** An upstream that answers with what it received, and two cookies. */
async function echoServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      response.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ host: request.headers.host, proto: request.headers['x-forwarded-proto'], path: request.url, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function post(port: number, body: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: 'localhost', port, path: '/api/x?y=1', method: 'POST', headers: { host: 'example.co.uk', 'x-forwarded-proto': 'https', 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function balance(ports: number[]): Promise<Balancer> {
  const balancer = await startBalancer({ upstreams: ports.map((port) => ({ host: 'localhost', port })) });
  closers.push(() => balancer.close());
  return balancer;
}

describe('startBalancer', () => {
  it('sends each request to the next upstream, with Host, path, headers and body unchanged', async () => {
    const upstreams = [await echoServer(), await echoServer()];
    closers.push(...upstreams.map((upstream) => () => upstream.close()));
    const balancer = await balance(upstreams.map((upstream) => upstream.port));

    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await post(balancer.port, `{"n":${i}}`));

    const [a, b] = upstreams.map((upstream) => `localhost:${upstream.port}`);
    expect(answers.map((answer) => answer.headers[SERVED_BY_HEADER])).toEqual([a, b, a, b]);
    expect(JSON.parse(answers[2]?.body ?? '')).toEqual({ host: 'example.co.uk', proto: 'https', path: '/api/x?y=1', body: '{"n":2}' });
    // Several Set-Cookie headers stay several.
    expect(answers[0]?.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('answers 502, naming the upstream, when that upstream is down', async () => {
    const down = await freePort();
    const balancer = await balance([down]);
    const answer = await post(balancer.port, '{}');
    expect(answer.status).toBe(502);
    expect(answer.headers[SERVED_BY_HEADER]).toBe(`localhost:${down}`);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'BAD_GATEWAY' } });
  });
});
