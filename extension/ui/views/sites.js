// Connected sites: which origins may see which accounts, and a way to disconnect each.

import { call } from '../api.js';
import { byRole } from '../dom.js';
import { errorText } from '../errors.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root the sites panel */
export function mountSites(root) {
  const list = byRole(root, 'sites');
  const status = byRole(root, 'sites-status');

  /** @param {{ origin: string, accounts: string[] }[]} sites */
  function render(sites) {
    if (sites.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'hint';
      empty.textContent = t('sitesEmpty');
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(
      ...sites.map(({ origin, accounts }) => {
        const li = document.createElement('li');
        li.className = 'site';
        li.dataset.testid = 'connected-site';
        li.dataset.origin = origin;
        const name = document.createElement('span');
        name.className = 'site-origin';
        name.textContent = origin;
        const count = document.createElement('small');
        count.className = 'hint';
        count.textContent = t('sitesAccounts', [String(accounts.length)]);
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'btn secondary small';
        button.dataset.testid = 'site-disconnect';
        button.dataset.origin = origin;
        button.textContent = t('sitesDisconnect');
        button.setAttribute('aria-label', t('sitesDisconnectLabel', [origin]));
        button.addEventListener('click', async () => {
          try {
            render(await call('disconnectSite', { origin }));
            status.textContent = t('sitesDisconnected', [origin]);
          } catch (err) {
            status.textContent = errorText(err);
          }
        });
        li.append(name, count, button);
        return li;
      }),
    );
  }

  call('connectedSites').then(render, (err) => {
    status.textContent = errorText(err);
  });
}
