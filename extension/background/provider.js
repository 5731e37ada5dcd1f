// The pipeline every web page's request goes through, in this order (each stage explicit):
// shape → allow-list → params → unlock → permission → approval → handler.
// The origin comes from the browser's `sender`, never from the message.

import { Codes, RpcError } from './errors.js';
import { METHODS, REFUSED } from './methods.js';
import { checkParams } from './params.js';
import { currentNetwork, permittedAccounts } from './store.js';

/**
 * The origin of the page that sent a message. Chrome gives `sender.origin`; Firefox only
 * `sender.url`.
 * @param {chrome.runtime.MessageSender} sender
 */
export function originOf(sender) {
  if (sender.origin && sender.origin !== 'null') return sender.origin;
  try {
    return new URL(sender.url ?? '').origin;
  } catch {
    return 'null';
  }
}

/**
 * @param {unknown} request what the content script relayed: `{ method, params }`
 * @param {chrome.runtime.MessageSender} sender
 */
export async function handleProviderRequest(request, sender) {
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
  const network = await currentNetwork();
  return spec.handler({ method, params, origin, network });
}
