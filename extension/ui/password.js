// New passwords: the minimum, the confirmation, and a strength meter (a rough entropy estimate:
// the character classes used × length, less for repeats and well-known patterns).

import { t } from './i18n.js';

export const MIN_PASSWORD_LENGTH = 8;

const COMMON = ['password', 'passwort', 'qwerty', 'asdf', 'abc', '123', 'letmein', 'admin', 'welcome', 'iloveyou', 'monkey', 'dragon', 'wallet', 'bitcoin', 'ethereum', 'crypto'];

/**
 * @param {string} password
 * @returns {{ bits: number, level: 0 | 1 | 2 | 3 }} level 0 = empty, 1 weak, 2 fair, 3 strong
 */
export function strength(password) {
  const chars = [...password];
  if (chars.length === 0) return { bits: 0, level: 0 };
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(password)) pool += 33;
  if (/[^\x00-\x7f]/.test(password)) pool += 100;
  // Repeated characters add little: count at most twice the distinct ones.
  const effective = Math.min(chars.length, new Set(chars).size * 2);
  let bits = effective * Math.log2(Math.max(pool, 2));
  const lower = password.toLowerCase();
  for (const word of COMMON) if (lower.includes(word)) bits -= 15;
  bits = Math.max(0, bits);
  const level = chars.length < MIN_PASSWORD_LENGTH || bits < 50 ? 1 : bits < 75 ? 2 : 3;
  return { bits, level };
}

/**
 * Keeps a `.strength` bar and its label in step with the input.
 * @param {HTMLInputElement} input
 * @param {HTMLElement} bar `.strength` (data-level 0..3)
 * @param {HTMLElement} label aria-live text
 */
export function attachMeter(input, bar, label) {
  const update = () => {
    const { level } = strength(input.value);
    bar.dataset.level = String(level);
    label.textContent = level === 0 ? '' : t('strengthLabel', [t(['', 'strengthWeak', 'strengthFair', 'strengthStrong'][level])]);
  };
  input.addEventListener('input', update);
  update();
}

/**
 * Why a new password is refused, or null.
 * @param {string} password @param {string} confirm
 * @returns {{ message: string, field: 'password' | 'confirm' } | null}
 */
export function newPasswordProblem(password, confirm) {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return { message: t('error_PASSWORD_TOO_SHORT', [String(MIN_PASSWORD_LENGTH)]), field: 'password' };
  }
  if (password !== confirm) return { message: t('passwordMismatch'), field: 'confirm' };
  return null;
}
