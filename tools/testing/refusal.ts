import { ApiError } from '@/lib/api/errors';

/**
 * The catalogue error a call was refused with. A success, or any other error, fails the test
 * that asked, with what happened instead.
 */
export async function refusal(call: Promise<unknown> | (() => unknown)): Promise<ApiError> {
  const error = await Promise.resolve()
    .then(typeof call === 'function' ? call : () => call)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}
