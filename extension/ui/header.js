// The header on every view: the network switcher, help and the settings button.

import { revealHidden } from '../common/text.js';
import { call } from './api.js';

/** Raised on `window` after the person switched networks (the home view reloads its balance). */
export const NETWORK_EVENT = 'kura:network';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {boolean} open */
function toggleNetworks(open) {
  $('networks').hidden = !open;
  $('network-button').setAttribute('aria-expanded', String(open));
  if (open) {
    const active = /** @type {HTMLElement | null} */ ($('network-list').querySelector('[aria-current="true"]'));
    active?.focus();
  }
}

export async function renderNetworks() {
  const { network, networks } = await call('getState');
  const button = $('network-button');
  button.textContent = revealHidden(network.name);
  button.dataset.chainId = network.chainId;
  $('network-list').replaceChildren(
    ...networks.map((/** @type {any} */ n) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.testid = 'network-option';
      b.dataset.chainId = n.chainId;
      b.setAttribute('aria-current', String(n.chainId === network.chainId));
      const name = document.createElement('span');
      name.textContent = revealHidden(n.name);
      const id = document.createElement('small');
      id.className = 'hint';
      id.textContent = String(Number.parseInt(n.chainId, 16));
      b.append(name, id);
      b.addEventListener('click', async () => {
        await call('switchNetwork', { chainId: n.chainId });
        toggleNetworks(false);
        await renderNetworks();
        button.focus();
        window.dispatchEvent(new Event(NETWORK_EVENT));
      });
      li.append(b);
      return li;
    }),
  );
}

/** @param {{ onSettings: () => void, onHelp: () => void }} handlers */
export function initHeader({ onSettings, onHelp }) {
  $('network-button').addEventListener('click', () => toggleNetworks($('networks').hidden));
  $('settings-open').addEventListener('click', () => {
    toggleNetworks(false);
    onSettings();
  });
  $('help-open').addEventListener('click', () => {
    toggleNetworks(false);
    onHelp();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('networks').hidden) {
      toggleNetworks(false);
      $('network-button').focus();
    }
  });
  document.addEventListener('click', (e) => {
    const inside = e.target instanceof Node && ($('networks').contains(e.target) || $('network-button').contains(e.target));
    if (!inside && !$('networks').hidden) toggleNetworks(false);
  });
  void renderNetworks();
}
