// One registry of every code a person can meet: the errors of the core and of the wallet, the
// risk warnings and the doctor's findings. Each is mapped once to its severity (risks and
// findings), its text (by naming convention: error_<CODE>, risk_<code>, finding_<code> in
// _locales) and its help article (extension/help). tests/unit/codes.test.mjs checks that every
// code has its text and its article in English and Japanese, and that every code the
// background can produce is here.

/** The help center's articles (TESTIDS.md article ids). */
export const ARTICLES = Object.freeze([
  'lost-phrase',
  'mistyped-phrase',
  'forgot-password',
  'damaged-vault',
  'wrong-address',
  'irreversible-send',
  'stuck-transaction',
  'network-settings',
  'phishing',
  'fake-update',
  'malicious-extension',
  'scam-approval',
  'fake-support',
  'backup',
  'import-metamask',
]);

/**
 * @typedef {'high' | 'medium' | 'info'} Severity
 * @typedef {{ article: string }} ErrorCode
 * @typedef {{ severity: Severity, article: string }} RiskCode
 */

/** Errors (`data.coreCode`): the core's (docs/wasm-api.md) and the wallet's own. @type {Readonly<Record<string, ErrorCode>>} */
export const ERRORS = Object.freeze({
  INVALID_INPUT: { article: 'backup' },
  PHRASE_WORD_COUNT: { article: 'mistyped-phrase' },
  PHRASE_UNKNOWN_WORD: { article: 'mistyped-phrase' },
  PHRASE_CHECKSUM: { article: 'mistyped-phrase' },
  VAULT_DECRYPT: { article: 'forgot-password' },
  VAULT_FORMAT: { article: 'damaged-vault' },
  VAULT_PARAMS: { article: 'damaged-vault' },
  VAULT_CORRUPT: { article: 'damaged-vault' },
  VAULT_EXISTS: { article: 'backup' },
  NO_VAULT: { article: 'backup' },
  NO_BACKUP_COPY: { article: 'damaged-vault' },
  BACKUP_FILE_INVALID: { article: 'backup' },
  METAMASK_VAULT_NOT_FOUND: { article: 'import-metamask' },
  METAMASK_PASSWORD: { article: 'import-metamask' },
  STORAGE: { article: 'damaged-vault' },
  LOCKED: { article: 'forgot-password' },
  UNLOCK_THROTTLED: { article: 'forgot-password' },
  PASSWORD_TOO_SHORT: { article: 'backup' },
  CURRENT_PASSWORD_REQUIRED: { article: 'forgot-password' },
  CURRENT_PASSWORD_WRONG: { article: 'forgot-password' },
  UNKNOWN_ACCOUNT: { article: 'lost-phrase' },
  DUPLICATE_ACCOUNT: { article: 'backup' },
  PATH_UNSUPPORTED: { article: 'lost-phrase' },
  NO_PHRASE: { article: 'backup' },
  KEY_INVALID: { article: 'backup' },
  ADDRESS_INVALID: { article: 'wrong-address' },
  ADDRESS_CHECKSUM: { article: 'wrong-address' },
  TX_INVALID: { article: 'irreversible-send' },
  TYPED_DATA_INVALID: { article: 'scam-approval' },
  SIGNATURE_INVALID: { article: 'scam-approval' },
  INTERNAL: { article: 'damaged-vault' },
  CORE_RESTARTED: { article: 'scam-approval' },
  TOKEN_NOT_CONTRACT: { article: 'network-settings' },
  TOKEN_NOT_ERC20: { article: 'scam-approval' },
  TOKEN_EXISTS: { article: 'network-settings' },
  UNKNOWN_TOKEN: { article: 'network-settings' },
  AMOUNT_INVALID: { article: 'irreversible-send' },
  INSUFFICIENT_FUNDS: { article: 'stuck-transaction' },
  INSUFFICIENT_FUNDS_FOR_FEE: { article: 'stuck-transaction' },
  INSUFFICIENT_TOKEN_BALANCE: { article: 'irreversible-send' },
  TX_NOT_PENDING: { article: 'stuck-transaction' },
  TX_UNKNOWN: { article: 'stuck-transaction' },
  RPC_CHAIN_CHECK: { article: 'network-settings' },
  RISK_LIST_INVALID: { article: 'phishing' },
  RISK_LIST_DOWNLOAD: { article: 'phishing' },
});

/** Risk warnings (`risk-warning` `data-risk`). @type {Readonly<Record<string, RiskCode>>} */
export const RISKS = Object.freeze({
  'phishing-origin': { severity: 'high', article: 'phishing' },
  'unlimited-approval': { severity: 'high', article: 'scam-approval' },
  'approval-for-all': { severity: 'high', article: 'scam-approval' },
  'eoa-spender': { severity: 'high', article: 'scam-approval' },
  'permit-signature': { severity: 'high', article: 'scam-approval' },
  'permit2-signature': { severity: 'high', article: 'scam-approval' },
  'order-gives-away': { severity: 'high', article: 'scam-approval' },
  'blind-signature': { severity: 'high', article: 'scam-approval' },
  'siwe-domain-mismatch': { severity: 'high', article: 'phishing' },
  'network-impersonation': { severity: 'high', article: 'network-settings' },
  'poisoned-address': { severity: 'high', article: 'wrong-address' },
  'contract-recipient': { severity: 'high', article: 'wrong-address' },
  'zero-address': { severity: 'high', article: 'irreversible-send' },
  'will-fail': { severity: 'high', article: 'irreversible-send' },
  'chain-mismatch': { severity: 'high', article: 'network-settings' },
  'no-chain-binding': { severity: 'medium', article: 'scam-approval' },
  'undeclared-fields': { severity: 'medium', article: 'scam-approval' },
  'siwe-address-mismatch': { severity: 'medium', article: 'phishing' },
  'insecure-rpc': { severity: 'medium', article: 'network-settings' },
  'new-recipient': { severity: 'medium', article: 'wrong-address' },
  'symbol-mismatch': { severity: 'medium', article: 'scam-approval' },
  'new-site': { severity: 'info', article: 'phishing' },
});

/** The doctor's findings (`doctor-finding` `data-code`). @type {Readonly<Record<string, RiskCode>>} */
export const FINDINGS = Object.freeze({
  'rpc-unreachable': { severity: 'high', article: 'network-settings' },
  'rpc-wrong-chain': { severity: 'high', article: 'network-settings' },
  'rpc-slow': { severity: 'medium', article: 'network-settings' },
  'insecure-rpc': { severity: 'medium', article: 'network-settings' },
  'tx-stuck': { severity: 'high', article: 'stuck-transaction' },
  'nonce-gap': { severity: 'high', article: 'stuck-transaction' },
  'nonce-used-elsewhere': { severity: 'medium', article: 'stuck-transaction' },
  'no-gas-funds': { severity: 'medium', article: 'stuck-transaction' },
  'vault-copy-mismatch': { severity: 'medium', article: 'damaged-vault' },
  'vault-damaged': { severity: 'high', article: 'damaged-vault' },
  'storage-near-full': { severity: 'medium', article: 'damaged-vault' },
  'unlimited-allowance': { severity: 'high', article: 'scam-approval' },
  'allowance-to-eoa': { severity: 'high', article: 'scam-approval' },
  'failed-unlocks': { severity: 'medium', article: 'forgot-password' },
});

/** The message key of a risk or finding code ("unlimited-approval" → "risk_unlimited_approval"). @param {string} prefix @param {string} code */
export const messageKey = (prefix, code) => `${prefix}_${String(code).replace(/[^A-Za-z0-9]/g, '_')}`;

/** The help article of an error, risk or finding code, or null. @param {unknown} code */
export function articleFor(code) {
  if (typeof code !== 'string') return null;
  return (Object.hasOwn(ERRORS, code) && ERRORS[code].article) || (Object.hasOwn(RISKS, code) && RISKS[code].article) || (Object.hasOwn(FINDINGS, code) && FINDINGS[code].article) || null;
}

/** The message keys of an article (chrome.i18n: letters, digits and _ only). @param {string} article */
export const articleKeys = (article) => {
  const base = `help_${article.replace(/-/g, '_')}`;
  return { title: `${base}_title`, summary: `${base}_summary`, keywords: `${base}_keywords`, body: `${base}_body` };
};
