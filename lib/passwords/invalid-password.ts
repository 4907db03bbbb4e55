import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from './password-rules';

const MESSAGES: Record<PasswordProblem, string> = {
  'too-short': `Passwords are at least ${PASSWORD_MIN_LENGTH} characters.`,
  'too-long': `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: 'This password is on a list of commonly used passwords, the first ones an attacker tries. Choose another.',
  'same-as-username': 'The password cannot be the username.',
  'control-characters': 'Passwords cannot contain control characters.',
};

/** INVALID_PASSWORD naming the rule; never the password itself. */
export function invalidPassword(problem: PasswordProblem): ApiError {
  return new ApiError('INVALID_PASSWORD', MESSAGES[problem]);
}
