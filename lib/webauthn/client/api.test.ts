import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiResponseError, postJson } from './api';

function answer(status: number, body: string, contentType = 'application/json') {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'content-type': contentType } })));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('postJson', () => {
  it('sends JSON and resolves with the answer', async () => {
    answer(200, '{"options":{"challenge":"abc"}}');
    await expect(postJson('/api/x', { username: 'ada' })).resolves.toEqual({ options: { challenge: 'abc' } });
    expect(fetch).toHaveBeenCalledWith(
      '/api/x',
      expect.objectContaining({ method: 'POST', body: '{"username":"ada"}', headers: { 'content-type': 'application/json' } }),
    );
  });

  it("throws the API's error code, message and status", async () => {
    answer(409, '{"error":{"code":"USERNAME_TAKEN","message":"That username is already taken."}}');
    const error = await postJson('/api/x', {}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error).toMatchObject({ status: 409, code: 'USERNAME_TAKEN', message: 'That username is already taken.' });
  });

  it('names the status when an error answer is not the API shape', async () => {
    answer(502, '<html>Bad gateway</html>', 'text/html');
    await expect(postJson('/api/x', {})).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('refuses a success without a JSON body', async () => {
    answer(200, '', 'text/plain');
    await expect(postJson('/api/x', {})).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});
