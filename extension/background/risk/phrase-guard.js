// The phrase guard's background half: a page's field received what looks like a secret phrase
// (phrase-guard.js decided; no words come here), so the wallet opens its own window naming the
// site. Sites the person trusts for this are skipped; one window per site at a time.
//
// chrome.storage.local:   phraseGuardTrusted (origins the person said may ask for words)
// chrome.storage.session: phraseGuardSeen ([{ origin, at, shown }]: the last few times a page
//                         received a phrase, whether the window was shown for it)

import { originOfUrl } from '../frames.js';

const TRUSTED = 'phraseGuardTrusted';
const SEEN = 'phraseGuardSeen';
const KEEP = 20;
/** One window per origin this often at most (a form may fire many inputs). */
const AGAIN_AFTER_MS = 30_000;

/** @returns {Promise<string[]>} */
async function trusted() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get(TRUSTED);
  return Array.isArray(s[TRUSTED]) ? s[TRUSTED] : [];
}

/** @type {Promise<void>} one report at a time: each sees the ones before it */
let serial = Promise.resolve();

/**
 * A content script saw a phrase typed into its page.
 * @param {chrome.runtime.MessageSender} sender
 */
export function onPhraseSeen(sender) {
  const run = serial.then(() => report(sender));
  serial = run.catch(() => undefined);
  return run;
}

/** @param {chrome.runtime.MessageSender} sender */
async function report(sender) {
  // The frame's own origin, as for provider requests (an embedded form is named for what it is).
  const origin = typeof sender.origin === 'string' && sender.origin !== 'null' ? originOfUrl(sender.origin) : originOfUrl(sender.url);
  // A sandboxed frame has no origin of its own: name the page it sits in.
  const site = origin !== 'null' ? origin : originOfUrl(sender.tab?.url);
  if (site === 'null' || (await trusted()).includes(site)) return;
  /** @type {Record<string, any>} */
  const s = await chrome.storage.session.get(SEEN);
  /** @type {Array<{ origin: string, at: number, shown: boolean }>} */
  const seen = Array.isArray(s[SEEN]) ? s[SEEN] : [];
  const now = Date.now();
  const shown = !seen.some((e) => e.origin === site && e.shown && now - e.at < AGAIN_AFTER_MS);
  await chrome.storage.session.set({ [SEEN]: [...seen, { origin: site, at: now, shown }].slice(-KEEP) });
  if (!shown) return;
  await chrome.windows.create({
    url: chrome.runtime.getURL(`phrase-guard.html?origin=${encodeURIComponent(site)}`),
    type: 'popup',
    width: 420,
    height: 560,
  });
}

/** The person says this site may ask for words (a word game, a teacher's quiz...). @param {unknown} origin */
export async function trustForPhrases(origin) {
  const o = originOfUrl(origin);
  if (o === 'null') throw new Error('not a site origin');
  const list = await trusted();
  if (!list.includes(o)) await chrome.storage.local.set({ [TRUSTED]: [...list, o] });
  return null;
}
