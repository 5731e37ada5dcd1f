// One view at a time. Each view is a <template id="tpl-NAME"> in popup.html, cloned, localized
// and handed to its module's mount(). Settings opens over any view: the view below is kept
// (detached, with its state) and comes back on "back".

import { localize } from './i18n.js';

/**
 * @typedef {{ cleanup?: () => void, resume?: () => void }} Mounted
 * @typedef {(root: HTMLElement, params: any) => Mounted | void} MountFn
 * @typedef {{ name: string, node: HTMLElement, mounted: Mounted }} Current
 */

/** @type {Map<string, MountFn>} */
const views = new Map();
/** @type {Current | null} */
let current = null;
/** @type {Current[]} */
const below = [];
/** @type {() => Promise<void>} */
let routeFn = async () => {};

const main = () => /** @type {HTMLElement} */ (document.getElementById('view'));

/** @param {string} name @param {MountFn} mount */
export function register(name, mount) {
  views.set(name, mount);
}

/** @param {() => Promise<void>} fn what decides the view from the wallet's status */
export function setRoute(fn) {
  routeFn = fn;
}

/** Shows the view the wallet's status calls for (onboarding, unlock, home, ...). */
export const route = () => routeFn();

/**
 * A template's content, cloned and localized (also used for parts shared by several views).
 * @param {string} id template id without "tpl-"
 * @returns {HTMLElement}
 */
export function fromTemplate(id) {
  const tpl = /** @type {HTMLTemplateElement} */ (document.getElementById(`tpl-${id}`));
  const node = /** @type {HTMLElement} */ (tpl.content.firstElementChild?.cloneNode(true));
  localize(node);
  return node;
}

/** @param {Current | null} view */
function teardown(view) {
  view?.mounted.cleanup?.();
  view?.node.remove();
}

/** @param {string} name @param {any} params @returns {Current} */
function mount(name, params) {
  const node = fromTemplate(name);
  main().replaceChildren(node);
  document.body.dataset.view = name;
  /** @type {Mounted} */
  const mounted = views.get(name)?.(node, params ?? {}) || {};
  if (!node.contains(document.activeElement)) {
    /** @type {HTMLElement | null} */ (node.querySelector('[tabindex="-1"]'))?.focus({ preventScroll: true });
  }
  main().scrollTop = 0;
  window.scrollTo(0, 0);
  return { name, node, mounted };
}

/** Replaces whatever is shown (including settings and what lies below it). @param {string} name @param {any} [params] */
export function show(name, params) {
  while (below.length) teardown(below.pop() ?? null);
  teardown(current);
  current = mount(name, params);
}

/** Opens a view over the current one (settings). @param {string} name @param {any} [params] */
export function overlay(name, params) {
  if (current?.name === name) return;
  if (current) {
    below.push(current);
    current.node.remove();
  }
  current = mount(name, params);
}

/** Closes the overlay: the view below comes back as it was. */
export function back() {
  const previous = below.pop();
  if (!previous) {
    void route();
    return;
  }
  teardown(current);
  current = previous;
  main().replaceChildren(previous.node);
  document.body.dataset.view = previous.name;
  previous.mounted.resume?.();
  /** @type {HTMLElement | null} */ (previous.node.querySelector('[tabindex="-1"]'))?.focus({ preventScroll: true });
}

export const currentView = () => current?.name ?? null;
