/** A JSON API answer with `{ error: { code, message } }`, or a response that was not JSON at all. */
export class ApiResponseError extends Error {
  override name = 'ApiResponseError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isErrorBody(data: unknown): data is { error: { code: string; message: string } } {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const { error } = data;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/**
 * POSTs `body` as JSON to a same-origin endpoint and resolves with its JSON answer. The caller
 * names the answer's type from the API contract; the server is ours, so it is not re-validated.
 * Any non-2xx answer throws an ApiResponseError carrying the server's code, or HTTP_<status>
 * when the body is not the API's error shape (a proxy's HTML page, say).
 */
export async function postJson<Answer>(path: string, body: object, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorBody(data)) throw new ApiResponseError(response.status, data.error.code, data.error.message);
    throw new ApiResponseError(response.status, `HTTP_${response.status}`, `${path} answered ${response.status} ${response.statusText}`.trim());
  }
  if (data === undefined) throw new ApiResponseError(response.status, 'INVALID_RESPONSE', `${path} answered without a JSON body`);
  return data as Answer;
}
