import { pingDatabase } from '@/lib/db/ping';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await pingDatabase();
  if (database.ok) return Response.json({ status: 'ok', database: 'reachable' });
  return Response.json(
    { status: 'unavailable', database: 'unreachable', message: `The database is not reachable: ${database.reason}` },
    { status: 503, headers: { 'cache-control': 'no-store' } },
  );
}
