// The popup: current network, switching networks, settings.

import { call } from './api.js';
import { localize, t } from './i18n.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

async function render() {
  const { network, networks, settings } = await call('getState');
  const button = $('network-button');
  button.textContent = network.name;
  button.dataset.chainId = network.chainId;
  const list = $('network-list');
  list.replaceChildren(
    ...networks.map((n) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = n.name;
      b.dataset.testid = 'network-option';
      b.dataset.chainId = n.chainId;
      b.setAttribute('aria-current', String(n.chainId === network.chainId));
      b.addEventListener('click', async () => {
        await call('switchNetwork', { chainId: n.chainId });
        toggleNetworks(false);
        await render();
      });
      li.append(b);
      return li;
    }),
  );
  /** @type {HTMLInputElement} */ ($('metamask-mode')).checked = settings.metaMaskMode;
}

function toggleNetworks(open) {
  $('networks').hidden = !open;
  $('network-button').setAttribute('aria-expanded', String(open));
}

localize();
$('network-button').addEventListener('click', () => toggleNetworks($('networks').hidden));
$('metamask-mode').addEventListener('change', async (e) => {
  const enabled = /** @type {HTMLInputElement} */ (e.target).checked;
  await call('setMetaMaskMode', { enabled });
  $('settings-status').textContent = t('settingsSavedReload');
});
render();
call('about').then(({ coreVersion }) => {
  $('core-version').textContent = coreVersion;
});
