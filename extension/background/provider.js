// The pipeline every web page's request goes through, in this order (each stage explicit):
// shape → allow-list → params → unlock → permission → approval → handler.
// The origin comes from the browser's `sender`, never from the message.

import { Codes, RpcError } from './errors.js';
import { METHODS, REFUSED } from './methods.js';
import { checkParams } from './params.js';
import { permittedAccounts } from './permissions.js';
import { currentNetwork } from './store.js';
import { unlockedWallet } from './vault.js';

/**
 * The origin a request is made for: the top frame's, even when an iframe asks, so the person
 * sees (and connects) the site in the address bar. Chrome gives `sender.origin`; Firefox only
 * `sender.url`.
 * @param {chrome.runtime.MessageSender} sender
 */
export function originOf(sender) {
  const url = sender.frameId !== 0 && sender.tab?.url ? sender.tab.url : sender.url;
  if (sender.frameId === 0 && sender.origin && sender.origin !== 'null') return sender.origin;
  try {
    return new URL(url ?? '').origin;
  } catch {
    return 'null';
  }
}

/**
 * @param {unknown} request what the content script relayed: `{ method, params }`
 * @param {chrome.runtime.MessageSender} sender
 * @param {string} pageKey the page's own name for this request (a retry sends the same)
 */
export async function handleProviderRequest(request, sender, pageKey) {
  const req = /** @type {any} */ (request);
  if (!req || typeof req !== 'object' || typeof req.method !== 'string') {
    throw new RpcError(Codes.invalidRequest, 'a request is an object with a string "method"');
  }
  const { method } = req;
  if (Object.hasOwn(REFUSED, method)) throw new RpcError(Codes.unsupportedMethod, REFUSED[method]);
  if (!Object.hasOwn(METHODS, method)) {
    throw new RpcError(Codes.unsupportedMethod, `the method ${method} is not supported by this wallet`);
  }
  const spec = METHODS[method];
  const params = checkParams(method, spec.params, req.params);
  const origin = originOf(sender);
  if (spec.permission && (await permittedAccounts(origin)).length === 0) {
    throw new RpcError(
      Codes.unauthorized,
      `${origin} is not connected to the wallet: call eth_requestAccounts first`,
    );
  }
  if (spec.unlock && !spec.approval && !(await unlockedWallet())) {
    throw new RpcError(Codes.unauthorized, 'the wallet is locked');
  }
  const network = await currentNetwork();
  const tabId = sender.tab?.id ?? -1;
  const key = `${tabId}:${sender.frameId ?? 0}:${String(pageKey).slice(0, 100)}`;
  return spec.handler({ method, params, origin, network, tabId, key });
}
