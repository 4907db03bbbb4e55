import { expect, test } from 'vitest';
import { describeConnectionError, describeTarget } from './connection-error';

const url = 'postgresql://atlas:hunter2@db.example:6543/atlas';

test('explains a refused connection with host, port and database but no password', () => {
  const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6543'), { code: 'ECONNREFUSED' });
  const message = describeConnectionError(error, url);
  expect(message).toBe('Cannot connect to PostgreSQL at db.example:6543/atlas (connection refused).');
  expect(message).not.toContain('hunter2');
});

test('explains PostgreSQL refusing the login or the database', () => {
  expect(describeConnectionError({ code: '28P01' }, url)).toContain('password authentication failed');
  expect(describeConnectionError({ code: '3D000' }, url)).toContain('database does not exist');
});

test('leaves other errors alone', () => {
  expect(describeConnectionError(new Error('syntax error'), url)).toBeUndefined();
  expect(describeConnectionError({ code: '42601' }, url)).toBeUndefined();
  expect(describeConnectionError('ECONNREFUSED', url)).toBeUndefined();
});

test('names the default port when the URL has none', () => {
  expect(describeTarget('postgresql://localhost/atlas')).toBe('localhost:5432/atlas');
  expect(describeTarget('not a url')).toBe('an unparsable DATABASE_URL');
});
