// The wallet's page: the header, then one view chosen from the wallet's status: onboarding
// (no vault), recovery (damaged vault), unlock (locked) or home (unlocked).

import { mountAllowances } from './views/allowances.js';
import { mountPaths } from './views/paths.js';
import { call, LOCKED_EVENT } from './api.js';
import { errorText } from './errors.js';
import { initHeader } from './header.js';
import { setDoctorOpener } from './doctor-link.js';
import { setHelpOpener } from './help-link.js';
import { localize } from './i18n.js';
import * as router from './router.js';
import { mountCreate } from './views/create.js';
import { mountDamaged } from './views/damaged.js';
import { mountDoctor } from './views/doctor.js';
import { mountHelp } from './views/help.js';
import { mountHome } from './views/home.js';
import { mountImportMetaMask } from './views/import-metamask.js';
import { mountOnboarding, mountRestoreFile } from './views/onboarding.js';
import { mountRestore } from './views/restore.js';
import { mountSend } from './views/send.js';
import { mountSettings } from './views/settings.js';
import { mountUnlock } from './views/unlock.js';

router.register('loading', () => {});
router.register('fatal', (root, { error }) => {
  /** @type {HTMLElement} */ (root.querySelector('[data-testid="fatal-error"]')).textContent = errorText(error);
  root.querySelector('[data-action="retry"]')?.addEventListener('click', () => void router.route());
});
router.register('onboarding', mountOnboarding);
router.register('create', mountCreate);
router.register('restore', mountRestore);
router.register('restore-file', mountRestoreFile);
router.register('import-metamask', mountImportMetaMask);
router.register('unlock', mountUnlock);
router.register('home', mountHome);
router.register('settings', mountSettings);
router.register('send', mountSend);
router.register('damaged', mountDamaged);
router.register('help', mountHelp);
router.register('doctor', mountDoctor);
router.register('allowances', mountAllowances);
router.register('paths', mountPaths);

/** Help opens over whatever is shown, at an article when one is named. @param {string} [article] */
function showHelp(article) {
  if (router.currentView() === 'help') router.back();
  router.overlay('help', { article });
}
setHelpOpener(showHelp);

/** The doctor opens over whatever is shown, its `focus` check first. @param {string} [focus] */
function showDoctor(focus = '') {
  if (router.currentView() === 'doctor') router.back();
  router.overlay('doctor', { focus });
}
setDoctorOpener(showDoctor);

router.setRoute(async () => {
  let status;
  try {
    status = await call('status');
  } catch (error) {
    router.show('fatal', { error });
    return;
  }
  if (!status.hasVault) router.show('onboarding');
  else if (status.problem) router.show('damaged', status);
  else if (!status.unlocked) router.show('unlock');
  else router.show('home');
});

localize();
/** The first route: the header's buttons wait for it, or the view it shows would replace theirs. */
/** @type {Promise<unknown>} */
let routed = Promise.resolve();
initHeader({
  onSettings: () => void routed.then(() => router.overlay('settings')),
  onHelp: () => void routed.then(() => showHelp()),
});
window.addEventListener(LOCKED_EVENT, () => {
  if (router.currentView() !== 'unlock') router.show('unlock');
});
router.show('loading');
// popup.html?help=<article>: opened from a help link outside this page (the approval window).
// popup.html?doctor=<check>: "run the doctor" from outside this page.
const query = new URLSearchParams(location.search);
const askedArticle = query.get('help');
const askedDoctor = query.get('doctor');
routed = router.route().then(() => {
  if (askedArticle) showHelp(askedArticle);
  else if (askedDoctor !== null) showDoctor(askedDoctor);
});
