import http from 'node:http';

/** One request exactly as the fuzz suite means to send it: bytes, headers and all. */
export interface RawRequest {
  method: string;
  path: string;
  /** Sent as the Host header, as a TLS-terminating proxy forwards it. */
  host: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with chunked transfer coding instead of a Content-Length. */
  chunked?: boolean;
}

export type Outcome =
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: Buffer }
  /** The server closed or reset the connection before a whole response arrived. */
  | { kind: 'dropped'; error: string };

/**
 * Sends one request and reports what came back, never throwing: a connection that breaks
 * before a whole response arrived is an outcome the suite counts, not an exception.
 *
 * When the server answers early (a 413 before it read an oversized body) and then stops
 * reading, writing the rest of the body may fail with EPIPE after the response is complete;
 * that is the answer the client needed, so it counts as a response.
 */
export function send(port: number, agent: http.Agent, request: RawRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const headers: Record<string, string | number> = { host: request.host, 'x-forwarded-proto': 'https', ...request.headers };
    if (request.body !== undefined && !request.chunked) headers['content-length'] = request.body.length;
    let responded = false;
    // Headers up to 1 MiB: a server that echoes a huge query into Location or Set-Cookie has
    // still answered, and the suite wants to see that answer rather than fail to parse it.
    const outgoing = http.request({ host: 'localhost', port, path: request.path, method: request.method, agent, headers, maxHeaderSize: 1024 * 1024 }, (response) => {
      responded = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => settle({ kind: 'dropped', error: error.message }));
      response.on('aborted', () => settle({ kind: 'dropped', error: 'response aborted' }));
      response.on('end', () => settle({ kind: 'response', status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', (error) => {
      // A write error after the response began is the early-answer case above: wait for its end.
      if (!responded) settle({ kind: 'dropped', error: error.message });
    });
    if (request.body === undefined) outgoing.end();
    else if (request.chunked) {
      // Two chunks, so the body really arrives as a stream with no declared length.
      const middle = Math.floor(request.body.length / 2);
      outgoing.write(request.body.subarray(0, middle));
      outgoing.end(request.body.subarray(middle));
    } else outgoing.end(request.body);
  });
}
