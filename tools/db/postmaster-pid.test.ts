import { expect, test } from 'vitest';
import { parsePostmasterPid } from './postmaster-pid';

test('reads pid, port and status from a running server’s file', () => {
  const file = '4242\n/data/pg\n1763750000\n54320\n/tmp\n127.0.0.1\n  1234567     98765\nready   \n';
  expect(parsePostmasterPid(file)).toEqual({ pid: 4242, port: 54320, status: 'ready' });
});

test('has an empty status while the server is still writing the file', () => {
  expect(parsePostmasterPid('4242\n/data/pg\n1763750000\n54320\n')).toEqual({ pid: 4242, port: 54320, status: '' });
});

test('rejects a truncated or foreign file', () => {
  expect(parsePostmasterPid('')).toBeUndefined();
  expect(parsePostmasterPid('4242\n')).toBeUndefined();
  expect(parsePostmasterPid('not a pid file\n')).toBeUndefined();
});
