// Amounts and addresses for reading. Amounts are exact: BigInt, never a float.

/**
 * An integer amount (0x hex or decimal string) in the coin's units, exactly.
 * @param {string | bigint} amount
 * @param {number} decimals
 */
export function formatUnits(amount, decimals) {
  const value = BigInt(amount);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  if (decimals === 0) return sign + abs.toString();
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const fraction = (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return sign + whole.toString() + (fraction ? '.' + fraction : '');
}

/** Fraction digits shown of an amount for reading (the exact amount is in its title). */
const SHOWN_DECIMALS = 4;

/**
 * An amount for reading at a glance: grouped by thousands in the person's language, at most 4
 * decimals, cut (never rounded up: the wallet must not show more than there is), and
 * "<0.0001" for dust that would otherwise read as 0. `formatUnits` gives the exact amount.
 * @param {string | bigint} amount integer units (0x hex or decimal)
 * @param {number} decimals
 * @param {string} [lang] a BCP 47 language tag (the UI's language by default)
 */
export function shortUnits(amount, decimals, lang = uiLanguage()) {
  const value = BigInt(amount);
  const abs = value < 0n ? -value : value;
  // roundingMode and decimal strings are Intl.NumberFormat v3 (Chrome 106, Firefox 116): newer
  // than the TypeScript lib this project checks against, hence the casts.
  const format = new Intl.NumberFormat(lang, /** @type {any} */ ({ maximumFractionDigits: SHOWN_DECIMALS, roundingMode: 'trunc' }));
  if (abs !== 0n && abs * 10n ** BigInt(SHOWN_DECIMALS) < 10n ** BigInt(decimals)) {
    return `${value < 0n ? '-' : ''}<${format.format(/** @type {any} */ ('0.' + '0'.repeat(SHOWN_DECIMALS - 1) + '1'))}`;
  }
  // Intl formats a decimal string exactly (no float on the way).
  return format.format(/** @type {any} */ (formatUnits(value, decimals)));
}

/** The language the wallet's pages are shown in (English outside the extension). */
function uiLanguage() {
  try {
    return chrome.i18n.getUILanguage();
  } catch {
    return 'en';
  }
}

/**
 * The address in groups of 4 hex digits after "0x", for reading aloud and comparing.
 * @param {string} address
 * @returns {string[]}
 */
export function addressGroups(address) {
  return address.replace(/^0x/i, '').match(/.{1,4}/g) ?? [];
}

/**
 * Renders the whole address into el: "0x" then its groups, never truncated.
 * @param {HTMLElement} el
 * @param {string} address
 */
export function renderAddress(el, address) {
  const prefix = document.createElement('span');
  prefix.className = 'hex-prefix';
  prefix.textContent = '0x';
  /** @type {Node[]} */
  const parts = [prefix];
  addressGroups(address).forEach((g, i) => {
    const span = document.createElement('span');
    span.className = 'hex-group';
    span.textContent = g;
    if (i > 0) parts.push(document.createTextNode(' '));
    parts.push(span);
  });
  el.replaceChildren(...parts);
  el.classList.add('mono');
}

/**
 * When something happened, in the wallet's language: "21:14" today, "yesterday 21:14", else
 * the date and the time.
 * @param {number} ms @param {number} [now]
 */
export function whenText(ms, now = Date.now()) {
  const lang = chrome.i18n.getUILanguage();
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(ms);
  const day = (/** @type {number} */ x) => {
    const d = new Date(x);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
  };
  const daysAgo = day(now) - day(ms);
  if (daysAgo === 0 || daysAgo === 1) {
    const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(-daysAgo, 'day');
    return `${relative} ${time}`;
  }
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
