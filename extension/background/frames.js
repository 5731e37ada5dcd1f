// Who is asking, and where their events go. A request is made for the origin of the frame that
// sent it (an iframe never borrows the top page's origin); every frame that has a provider
// registers here with its first request (the provider asks eth_chainId at load), so that
// account events reach exactly the frames of the origin they concern.
//
// chrome.storage.session: frames (the registry; survives a worker restart, not the browser)

const KEY = 'frames';
/** A tab with many ads can hold many frames; the oldest entries go first past this. */
const MAX_FRAMES = 500;

/**
 * @typedef {{ origin: string, topOrigin: string, opaque: boolean, tabId: number, frameId: number,
 *   documentId: string | null }} Requester
 * @typedef {{ tabId: number, frameId: number, documentId: string | null, origin: string, seenAt: number }} FrameEntry
 */

/** An http(s) URL's origin; 'null' (opaque) for anything else. @param {unknown} url */
export function originOfUrl(url) {
  if (typeof url !== 'string') return 'null';
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : 'null';
  } catch {
    return 'null';
  }
}

/**
 * The frame that sent a page's request, from the browser's `sender` (never from the message).
 * Chrome gives `sender.origin` for each frame (opaque frames report "null"); Firefox may give
 * only the frame's `sender.url`. `pageSaysOpaque` is the content script's own reading of
 * `window.origin`: it can only make a frame opaque (a sandboxed frame whose URL is http), never
 * lend it an origin.
 * @param {chrome.runtime.MessageSender} sender
 * @param {boolean} pageSaysOpaque
 * @returns {Requester}
 */
export function requesterOf(sender, pageSaysOpaque = false) {
  const frameId = sender.frameId ?? 0;
  const fromBrowser = typeof sender.origin === 'string' ? (sender.origin === 'null' ? 'null' : originOfUrl(sender.origin)) : originOfUrl(sender.url);
  const origin = pageSaysOpaque ? 'null' : fromBrowser;
  const topOrigin = frameId === 0 ? origin : originOfUrl(sender.tab?.url);
  return {
    origin,
    topOrigin,
    opaque: origin === 'null',
    tabId: sender.tab?.id ?? -1,
    frameId,
    documentId: typeof (/** @type {any} */ (sender).documentId) === 'string' ? /** @type {any} */ (sender).documentId : null,
  };
}

/** @type {Promise<FrameEntry[]> | null} this worker's copy of the registry */
let cache = null;
let serial = Promise.resolve();

const load = () => {
  cache ??= chrome.storage.session.get(KEY).then((/** @type {Record<string, any>} */ s) => (Array.isArray(s[KEY]) ? s[KEY] : []));
  return cache;
};

/** @param {(list: FrameEntry[]) => boolean} change returns whether anything changed */
function edit(change) {
  const run = serial.then(async () => {
    const list = await load();
    if (change(list)) await chrome.storage.session.set({ [KEY]: list });
  });
  serial = run.catch(() => undefined);
  return run;
}

/** Remembers the frame a request came from (written only when something changed). @param {Requester} r */
export function noteFrame(r) {
  if (r.tabId < 0) return Promise.resolve();
  return edit((list) => {
    const i = list.findIndex((f) => f.tabId === r.tabId && f.frameId === r.frameId);
    const entry = { tabId: r.tabId, frameId: r.frameId, documentId: r.documentId, origin: r.origin, seenAt: Date.now() };
    if (i >= 0) {
      const old = list[i];
      if (old.origin === r.origin && old.documentId === r.documentId) return false;
      list.splice(i, 1);
    }
    list.push(entry);
    if (list.length > MAX_FRAMES) list.splice(0, list.length - MAX_FRAMES);
    return true;
  });
}

/** A tab closed: forget its frames. @param {number} tabId */
export const forgetTab = (tabId) =>
  edit((list) => {
    const before = list.length;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].tabId === tabId) list.splice(i, 1);
    return list.length !== before;
  });

/** @param {FrameEntry} f */
const forgetFrame = (f) =>
  edit((list) => {
    const i = list.findIndex((x) => x.tabId === f.tabId && x.frameId === f.frameId && x.documentId === f.documentId);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  });

/**
 * Sends a provider event to the frames of one origin only. Chrome addresses the very document
 * (documentId); elsewhere the frame, and the content script checks that it still shows that
 * origin (a frame may have navigated since it registered). A frame that is gone is forgotten.
 * @param {string} origin @param {string} event @param {unknown} data
 */
export async function notifyOrigin(origin, event, data) {
  if (origin === 'null') return;
  const targets = (await load()).filter((f) => f.origin === origin);
  await Promise.all(
    targets.map((f) =>
      chrome.tabs
        .sendMessage(f.tabId, { type: 'provider-event', event, data, origin }, f.documentId ? { documentId: f.documentId } : { frameId: f.frameId })
        .catch(() => forgetFrame(f)),
    ),
  );
}

/**
 * Sends an event that reveals nothing about the person's accounts (chainChanged) to every
 * frame of every tab.
 * @param {string} event @param {unknown} data
 */
export async function broadcast(event, data) {
  const tabs = await chrome.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : chrome.tabs.sendMessage(tab.id, { type: 'provider-event', event, data }).catch(() => undefined))),
  );
}
