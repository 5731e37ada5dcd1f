// A link to a help article, beside an error, a warning, a doctor's finding or a failed
// transaction. In the wallet's page it opens the help view; elsewhere (the approval window,
// the protection pages) the wallet's page in a new tab, at that article.

import { articleFor } from '../common/codes.js';
import { t } from './i18n.js';

/** @type {((article: string) => void) | null} set by the wallet's page */
let opener = null;

/** The wallet's page shows articles itself. @param {(article: string) => void} open */
export function setHelpOpener(open) {
  opener = open;
}

/** @param {string} article */
export function openHelp(article) {
  if (opener) opener(article);
  else void chrome.tabs.create({ url: chrome.runtime.getURL(`popup.html?help=${encodeURIComponent(article)}`) });
}

/**
 * The help link for a code (error, risk or finding), or null when it has no article.
 * @param {unknown} code
 * @returns {HTMLButtonElement | null}
 */
export function helpLinkFor(code) {
  const article = articleFor(code);
  return article ? helpLink(article) : null;
}

/** @param {string} article @param {string} [label] the link's words where "what does this mean?" does not fit */
export function helpLink(article, label = t('helpLink')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'help-link';
  button.dataset.testid = 'help-link';
  button.dataset.article = article;
  button.textContent = label;
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    openHelp(article);
  });
  return button;
}
