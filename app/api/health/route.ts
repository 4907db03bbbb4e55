import { OUTAGE_RETRY_AFTER_SECONDS } from '@/lib/db/database-unavailable';
import { pingDatabase } from '@/lib/db/ping';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await pingDatabase();
  if (database.ok) return Response.json({ status: 'ok', database: 'reachable' });
  return Response.json(
    { status: 'unavailable', database: 'unreachable', message: `The database cannot serve requests right now (${database.reason}).` },
    { status: 503, headers: { 'cache-control': 'no-store', 'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS) } },
  );
}
