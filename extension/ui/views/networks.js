// Networks: the person can point any network at another RPC endpoint, test it first, and the
// wallet refuses an endpoint that serves another chain.

import { revealHidden } from '../../common/text.js';
import { call } from '../api.js';
import { byRole, byTestId } from '../dom.js';
import { errorText } from '../errors.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root the networks panel */
export function mountNetworks(root) {
  /** @type {HTMLSelectElement} */
  const select = byTestId(root, 'network-edit-select');
  /** @type {HTMLInputElement} */
  const rpc = byTestId(root, 'network-rpc');
  const status = byRole(root, 'network-rpc-status');
  /** @type {{ chainId: string, name: string, rpcUrl: string }[]} */
  let networks = [];

  const say = (/** @type {string} */ text, /** @type {string} */ state) => {
    status.textContent = text;
    status.dataset.state = state;
  };
  const chosen = () => networks.find((n) => n.chainId === select.value);

  /** @param {string} [chainId] */
  async function load(chainId) {
    const state = await call('getState');
    networks = state.networks;
    select.replaceChildren(
      ...networks.map((n) => {
        const option = document.createElement('option');
        option.value = n.chainId;
        option.textContent = `${revealHidden(n.name)} (${BigInt(n.chainId)})`;
        return option;
      }),
    );
    select.value = chainId ?? state.network.chainId;
    rpc.value = chosen()?.rpcUrl ?? '';
  }

  select.addEventListener('change', () => {
    rpc.value = chosen()?.rpcUrl ?? '';
    say('', '');
  });

  byTestId(root, 'network-rpc-test').addEventListener('click', async () => {
    say(t('networksEditTesting'), 'busy');
    try {
      const { chainId, blockNumber } = await call('testRpc', { url: rpc.value.trim() });
      const expected = select.value;
      if (chainId === expected) say(t('networksEditTestOk', [String(BigInt(chainId)), String(BigInt(blockNumber))]), 'ok');
      else say(t('networksEditTestMismatch', [String(BigInt(chainId)), String(BigInt(expected))]), 'error');
    } catch (err) {
      say(errorText(err), 'error');
    }
  });

  byTestId(root, 'network-rpc-save').addEventListener('click', async () => {
    say(t('networksEditTesting'), 'busy');
    try {
      await call('setNetworkRpc', { chainId: select.value, url: rpc.value.trim() });
      await load(select.value);
      say(t('networksEditSaved'), 'ok');
    } catch (err) {
      say(errorText(err), 'error');
    }
  });

  load().catch((err) => say(errorText(err), 'error'));
}
