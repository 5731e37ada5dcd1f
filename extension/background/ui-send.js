// The wallet page's commands for tokens, sending and activity (for the selected account on the
// current network).

import * as activity from './activity.js';
import { listAccounts, selectionHint } from './accounts.js';
import { walletError } from './errors.js';
import { lastTokenBalances, rememberTokens } from './last-known.js';
import { prepareSend, replace } from './send.js';
import { currentNetwork } from './store.js';
import * as vault from './vault.js';
import { addToken, checkedAddress, removeToken, tokensWithBalances, watchedTokens } from './tokens.js';

async function selected() {
  const { selected: address } = await listAccounts();
  if (!address) throw walletError('LOCKED', 'no account selected');
  return address;
}

/** @param {Array<{ address: string, name: string | null }>} book */
const contacts = (book) => book.map((b) => ({ address: b.address, name: b.name ?? null }));

/** @type {Record<string, (args: any) => Promise<unknown>>} */
export const SEND_COMMANDS = {
  /**
   * The followed tokens with the selected account's balances. `lastKnown`: the balances as the
   * network last gave them, without asking it (null when none are known for this account; a
   * token without one has `balance: null` and `unknown: true`), for the page to show meanwhile.
   */
  async tokens({ lastKnown } = {}) {
    const network = await currentNetwork();
    const head = { chainId: network.chainId, symbol: network.symbol, decimals: network.decimals };
    if (lastKnown === true) {
      await vault.requireUnlocked();
      const owner = await selectionHint();
      if (!owner) throw walletError('LOCKED', 'no account selected');
      const [list, known] = await Promise.all([watchedTokens(network.chainId), lastTokenBalances(network.chainId, owner)]);
      if (!known) return null;
      const tokens = list.map((t) => {
        const balance = known.get(t.address.toLowerCase()) ?? null;
        return { address: t.address, symbol: t.symbol, decimals: t.decimals, balance, ...(balance === null ? { unknown: true } : {}) };
      });
      return { ...head, address: owner, lastKnown: true, tokens };
    }
    const owner = await selected();
    const tokens = await tokensWithBalances(network, owner);
    void rememberTokens(network.chainId, owner, tokens);
    return { ...head, tokens };
  },
  async addToken({ address }) {
    await selected();
    return addToken(await currentNetwork(), address);
  },
  async addressBook() {
    await selected();
    return contacts(await activity.addressBook());
  },
  async saveContact({ address, name }) {
    await selected();
    return contacts(await activity.saveContact(await checkedAddress(address), name));
  },
  async removeContact({ address }) {
    await selected();
    return contacts(await activity.removeContact(await checkedAddress(address)));
  },
  async removeToken({ address }) {
    await selected();
    const network = await currentNetwork();
    await removeToken(network.chainId, await checkedAddress(address));
    return null;
  },
  async prepareSend(args) {
    return prepareSend(args);
  },
  async activity({ limit } = {}) {
    const network = await currentNetwork();
    // Without a limit, the whole list (up to 200 per network and account).
    const max = Number.isSafeInteger(limit) && limit > 0 ? limit : undefined;
    return { chainId: network.chainId, ...(await activity.listActivity(network, await selected(), max)) };
  },
  async speedUp({ hash }) {
    await selected();
    return replace('speedup', hash);
  },
  async cancelTx({ hash }) {
    await selected();
    return replace('cancel', hash);
  },
};
