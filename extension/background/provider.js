// The pipeline every web page's request goes through, in this order (each stage explicit):
// shape → allow-list → params (shape and size) → who asks → permission → unlock → handler
// (which may queue an approval). Who asks comes from the browser's `sender`, never from the
// message: the origin of the very frame that sent it (an iframe is its own site, never the page
// that embeds it), and a frame with an opaque origin may only read the chain.

import { Codes, RpcError } from './errors.js';
import { noteFrame, requesterOf } from './frames.js';
import { METHODS, REFUSED } from './methods.js';
import { checkParams } from './params.js';
import { permittedAccounts } from './permissions.js';
import { currentNetwork } from './store.js';
import { unlockedWallet } from './vault.js';

/**
 * @param {unknown} request what the content script relayed: `{ method, params }`
 * @param {chrome.runtime.MessageSender} sender
 * @param {string} pageKey the page's own name for this request (a retry sends the same)
 * @param {boolean} [pageSaysOpaque] the content script found `window.origin` to be "null"
 */
export async function handleProviderRequest(request, sender, pageKey, pageSaysOpaque = false) {
  const req = /** @type {any} */ (request);
  if (!req || typeof req !== 'object' || typeof req.method !== 'string') {
    throw new RpcError(Codes.invalidRequest, 'a request is an object with a string "method"');
  }
  const { method } = req;
  if (Object.hasOwn(REFUSED, method)) throw new RpcError(Codes.unsupportedMethod, REFUSED[/** @type {keyof typeof REFUSED} */ (method)]);
  if (!Object.hasOwn(METHODS, method)) {
    throw new RpcError(Codes.unsupportedMethod, `the method ${method.slice(0, 100)} is not supported by this wallet`);
  }
  const spec = METHODS[method];
  const params = checkParams(method, spec.params, req.params);
  const who = requesterOf(sender, pageSaysOpaque === true);
  await noteFrame(who);
  if (who.opaque && (spec.permission || spec.approval)) {
    throw new RpcError(
      Codes.unauthorized,
      'a frame with an opaque origin (sandboxed, data: or srcdoc) cannot connect to the wallet',
    );
  }
  if (spec.permission && (await permittedAccounts(who.origin)).length === 0) {
    throw new RpcError(
      Codes.unauthorized,
      `${who.origin} is not connected to the wallet: call eth_requestAccounts first`,
    );
  }
  if (spec.unlock && !spec.approval && !(await unlockedWallet())) {
    throw new RpcError(Codes.unauthorized, 'the wallet is locked');
  }
  const network = await currentNetwork();
  const key = `${who.tabId}:${who.frameId}:${String(pageKey).slice(0, 100)}`;
  return spec.handler({
    method,
    params,
    origin: who.origin,
    embeddedIn: who.frameId === 0 ? null : who.topOrigin,
    network,
    tabId: who.tabId,
    key,
  });
}
