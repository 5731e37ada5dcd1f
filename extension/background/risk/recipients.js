// Warnings about a recipient, before the person confirms: the wallet's own sends get all of
// them, a site's transactions the ones that make sense for a call (a look-alike, the zero
// address). High-risk findings need the person's acknowledgement on the confirm screen.

import * as activity from '../activity.js';
import { listAccounts } from '../accounts.js';
import { isLookalike } from '../send-rules.js';

/** The address in groups of 4 hex digits, for reading it out in a warning. @param {string} a */
const grouped = (a) => '0x ' + (a.slice(2).match(/.{1,4}/g) ?? []).join(' ');

/**
 * What is worth a warning about a recipient, before the person confirms. High-risk findings
 * need the person's explicit acknowledgement on the confirm screen.
 * @param {{ from: string, recipient: string, token: string | null, isContract: boolean }} send
 *   isContract: the recipient has code (the caller asked the chain once, for the gas too)
 */
export async function recipientWarnings({ from, recipient, token, isContract }) {
  /** @type {Array<Record<string, unknown> & { code: string, severity: 'high' | 'medium' }>} */
  const warnings = [];
  const lower = recipient.toLowerCase();
  if (/^0x0{40}$/.test(lower)) warnings.push({ code: 'zero-address', severity: 'high' });
  if (token && lower === token.toLowerCase()) {
    warnings.push({ code: 'contract-recipient', severity: 'high', tokenContract: recipient });
  } else if (isContract) {
    warnings.push({ code: 'contract-recipient', severity: 'high', recipient });
  }
  const known = await knownAddresses();
  warnings.push(...lookalikeWarnings(recipient, known));
  if (!known.some((k) => k.toLowerCase() === lower) && lower !== from.toLowerCase()) {
    warnings.push({ code: 'new-recipient', severity: 'medium', recipient: grouped(recipient) });
  }
  return warnings;
}

/** The person's own accounts and everyone they have sent to or saved. */
async function knownAddresses() {
  const { accounts } = await listAccounts();
  return [...(await activity.knownRecipients()), ...accounts.map((/** @type {{ address: string }} */ a) => a.address)];
}

/**
 * Address poisoning: the recipient looks like a known address (same first and last 4 hex
 * digits) but is another one.
 * @param {string} recipient @param {string[]} known
 */
function lookalikeWarnings(recipient, known) {
  const imitated = known.find((k) => isLookalike(recipient, k));
  return imitated ? [{ code: 'poisoned-address', severity: /** @type {const} */ ('high'), recipient, similarTo: imitated }] : [];
}

/**
 * The checks that also make sense for a site's transaction: a site may hand over a look-alike
 * address too, or the zero address. (A site's call to a contract is normal, so no contract
 * warning, and "first transfer" would fire on every new dApp.)
 * @param {string | null} to
 */
export async function siteTransactionWarnings(to) {
  if (!to || !/^0x[0-9a-fA-F]{40}$/.test(to)) return [];
  if (/^0x0{40}$/i.test(to)) return [{ code: 'zero-address', severity: 'high' }];
  return lookalikeWarnings(to, await knownAddresses());
}
