import { expect, test } from 'vitest';
import { createServerLog } from './server-log';

const chatter =
  '2026-11-21 19:42:00.000 UTC [1] LOG:  database system is ready to accept connections\n' +
  '2026-11-21 19:42:01.000 UTC [2] ERROR:  relation "x" does not exist\n' +
  '2026-11-21 19:42:02.000 UTC [3] FATAL:  could not create any TCP/IP sockets\n';

test('in errors mode prints only FATAL and PANIC lines', () => {
  const printed: string[] = [];
  createServerLog('errors', (line) => printed.push(line)).write(chatter);
  expect(printed).toEqual(['2026-11-21 19:42:02.000 UTC [3] FATAL:  could not create any TCP/IP sockets']);
});

test('in all mode prints every line', () => {
  const printed: string[] = [];
  createServerLog('all', (line) => printed.push(line)).write(chatter);
  expect(printed).toHaveLength(3);
});

test('sums up on one line why a start failed', () => {
  const log = createServerLog('errors', () => {});
  expect(log.summary()).toBe('');
  log.write(
    '2026-11-21 19:48:36.120 UTC [7] LOG:  starting PostgreSQL 18.4\n' +
      '2026-11-21 19:48:36.127 UTC [7] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n' +
      '2026-11-21 19:48:36.128 UTC [7] FATAL:  could not create any TCP/IP sockets\n' +
      '2026-11-21 19:48:36.129 UTC [7] LOG:  database system is shut down\n',
  );
  expect(log.summary()).toBe(
    'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use; FATAL:  could not create any TCP/IP sockets',
  );
});

test('falls back to the last line when none explains anything', () => {
  const log = createServerLog('errors', () => {});
  log.write('initdb: something odd\nthe end\n');
  expect(log.summary()).toBe('the end');
});
