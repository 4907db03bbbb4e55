/**
 * Bench builds only (ATLAS_BENCH_BUILD=1, see next.config.ts): the cheapest JSON route the
 * framework can serve, through the same proxy.ts as the ceremony routes, so `npm run bench` can
 * put the ceremonies' throughput next to the framework's own ceiling on the same build.
 */
export async function POST(request: Request): Promise<Response> {
  const body: unknown = await request.json();
  const fields = body !== null && typeof body === 'object' ? Object.keys(body).length : 0;
  return Response.json({ ok: true, fields });
}
