// One renderer per kind of request: what it is called, what it says, the details to check, and
// what an approval sends back. Everything comes from the request's payload, as text.

import { formatUnits } from '../format.js';
import { t } from '../i18n.js';
import { renderTree } from './tree.js';
import { accountCard, accountLabel, addressEl, amountEl, avatar, chainDecimal, facts, h, hasHidden, mono, pageText, panel } from './util.js';

/**
 * @typedef {import('./data.js').Approval} Approval
 * @typedef {{ update: () => void }} Context  update(): re-checks whether Approve may be pressed
 * @typedef {{
 *   title: string,
 *   lede: string,
 *   body: Node[],
 *   approveLabel?: string,
 *   busyLabel?: string,
 *   approvable?: boolean,
 *   ready?: () => boolean,
 *   args?: () => Record<string, unknown>,
 * }} Rendered
 */

/** @param {unknown} x @returns {bigint | null} */
function big(x) {
  try {
    if (typeof x === 'bigint') return x;
    if (typeof x === 'number' && Number.isSafeInteger(x)) return BigInt(x);
    if (typeof x === 'string' && /^(0x[0-9a-f]*|\d+)$/i.test(x)) return x === '0x' ? 0n : BigInt(x);
  } catch {
    // not an integer
  }
  return null;
}

/** "31337" or "31337 (0x7a69)" when the site gave hex. @param {unknown} chainId */
function chainText(chainId) {
  const dec = chainDecimal(chainId);
  return typeof chainId === 'string' && /^0x/i.test(chainId) ? `${dec} (${chainId.toLowerCase()})` : dec;
}

/** @param {string} label @param {Node} content */
function labelled(label, content) {
  return h('div', { class: 'labelled' }, h('p', { class: 'label', text: label }), content);
}

/** The account that signs. @param {any} p */
const signer = (p) => labelled(t('approvalSigningAccount'), accountCard(String(p.address ?? ''), p.accountName));

// ---------------------------------------------------------------------------------------------

/** @param {Approval} a @param {Context} ctx @returns {Rendered} */
function connect(a, ctx) {
  const p = a.payload ?? {};
  /** @type {Array<{ address: string, name?: string }>} */
  const accounts = Array.isArray(p.accounts) ? p.accounts : [];
  const selected = String(p.selected ?? '').toLowerCase();
  const preselect = accounts.some((x) => x.address.toLowerCase() === selected) ? selected : accounts[0]?.address.toLowerCase();
  /** @type {HTMLInputElement[]} */
  const boxes = [];
  const list = h('ul', { class: 'pick-list', attrs: { role: 'list' } });
  for (const account of accounts) {
    const box = h('input', { testid: 'connect-account', data: { address: account.address }, attrs: { type: 'checkbox' } });
    box.checked = account.address.toLowerCase() === preselect;
    box.addEventListener('change', () => ctx.update());
    boxes.push(box);
    list.append(
      h(
        'li',
        {},
        h(
          'label',
          { class: 'pick' },
          box,
          avatar(account.address),
          h('span', { class: 'who-text' }, h('span', { class: 'who-name', text: accountLabel(account.name) || t('approvalAccount') }), addressEl(account.address, 'small')),
        ),
      ),
    );
  }
  const can = h(
    'ul',
    { class: 'perm-list' },
    h('li', { class: 'yes', text: t('approvalConnectCanSee') }),
    h('li', { class: 'yes', text: t('approvalConnectCanAsk') }),
    h('li', { class: 'no', text: t('approvalConnectCannot') }),
  );
  return {
    title: t('approvalConnectTitle'),
    lede: t('approvalConnectLede', [a.origin]),
    body: [
      panel(t('approvalConnectAccountsTitle'), list, accounts.length ? null : h('p', { class: 'hint', text: t('approvalConnectNoAccounts') })),
      panel(t('approvalConnectPermissionsTitle'), can),
    ],
    approveLabel: t('approvalConnectApprove'),
    busyLabel: t('approvalConnectBusy'),
    ready: () => boxes.some((b) => b.checked),
    args: () => ({ accounts: boxes.filter((b) => b.checked).map((b) => b.dataset.address) }),
  };
}

// ---------------------------------------------------------------------------------------------

/** The message as text, its invisible characters marked ⟦U+200B⟧. @param {string} text */
function markedText(text) {
  const pre = pageText(text, 'message', 'pre');
  pre.dataset.testid = 'sign-message';
  pre.tabIndex = 0;
  return pre;
}

/** A site's text in the monospace style, hidden characters marked. @param {unknown} text */
const monoText = (text) => pageText(String(text ?? ''), 'mono wrap');

/** @param {Approval} a @returns {Rendered} */
function personalSign(a) {
  const p = a.payload ?? {};
  const siwe = p.siwe && typeof p.siwe === 'object' ? p.siwe : null;
  const readable = typeof p.text === 'string';
  /** @type {Node[]} */
  const body = [signer(p)];
  if (siwe) {
    /** @type {Array<[string, Node | string] | null>} */
    const rows = [
      [t('approvalSiweDomain'), monoText(siwe.domain)],
      [t('approvalSiweAccount'), addressEl(String(siwe.address ?? ''), 'small')],
      [t('approvalSiweUri'), monoText(siwe.uri)],
      [t('approvalSiweChain'), chainText(siwe.chainId)],
    ];
    if (siwe.statement) rows.push([t('approvalSiweStatement'), pageText(String(siwe.statement))]);
    if (siwe.issuedAt) rows.push([t('approvalSiweIssuedAt'), monoText(siwe.issuedAt)]);
    if (siwe.expirationTime) rows.push([t('approvalSiweExpires'), monoText(siwe.expirationTime)]);
    if (siwe.nonce) rows.push([t('approvalSiweNonce'), monoText(siwe.nonce)]);
    if (Array.isArray(siwe.resources) && siwe.resources.length) {
      rows.push([t('approvalSiweResources'), h('ul', { class: 'plain-list' }, ...siwe.resources.map((/** @type {unknown} */ r) => h('li', {}, monoText(r))))]);
    }
    body.push(panel(t('approvalSiweSummary'), facts(rows, { testid: 'siwe-summary' })));
  }
  const message = readable
    ? markedText(p.text)
    : h('pre', { class: 'message hex', testid: 'sign-message', text: String(p.messageHex ?? ''), attrs: { tabindex: '0' } });
  body.push(
    panel(
      t('approvalSignMessageTitle'),
      readable ? null : h('p', { class: 'callout warning', text: t('approvalSignNotText') }),
      message,
      readable && hasHidden(p.text) ? h('p', { class: 'hint', text: t('approvalSignInvisibleNote') }) : null,
    ),
  );
  return {
    title: siwe ? t('approvalSiweTitle') : t('approvalSignTitle'),
    lede: siwe ? t('approvalSiweLede') : t('approvalSignLede'),
    body,
    approveLabel: siwe ? t('approvalSiweApprove') : t('approvalSignApprove'),
    busyLabel: t('approvalSignBusy'),
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Typed data, from the core's prepared value only: the domain and the message as they are
 * hashed. Values the page sent that no type declares are not signed; they are listed apart,
 * by name only, so they can never pass for part of the signature.
 * @param {Approval} a @returns {Rendered}
 */
function typedData(a) {
  const p = a.payload ?? {};
  /** @type {import('../../wasm/wallet_wasm.js').PreparedTypedData | null} */
  const prepared = p.prepared && typeof p.prepared === 'object' ? p.prepared : null;
  if (!prepared) return unknown(a);
  const message = prepared.message;
  /** @type {Node[]} */
  const body = [
    signer(p),
    panel(t('approvalTypedDomainTitle'), renderTree(prepared.domain, 'typed-domain')),
    panel(
      t('approvalTypedMessageTitle'),
      h('p', { class: 'type-name' }, h('span', { class: 'muted', text: t('approvalTypedPrimaryType') }), ' ', mono(prepared.primaryType, 'strong')),
      message ? renderTree(message, 'typed-message') : h('p', { class: 'callout warning', testid: 'typed-message', text: t('approvalTypedDomainOnly') }),
      h('p', { class: 'hint', text: t('approvalTypedVersion', [prepared.version]) }),
    ),
  ];
  if (prepared.undeclared.length > 0) {
    body.push(
      panel(
        t('approvalTypedUnsignedTitle'),
        h('p', { class: 'hint', text: t('approvalTypedUnsignedHint') }),
        h('ul', { class: 'plain-list unsigned', testid: 'typed-unsigned' }, ...prepared.undeclared.map((path) => h('li', {}, pageText(path, 'mono wrap')))),
      ),
    );
  }
  return {
    title: t('approvalTypedTitle'),
    lede: t('approvalTypedLede'),
    body,
    approveLabel: t('approvalSignApprove'),
    busyLabel: t('approvalSignBusy'),
  };
}

// ---------------------------------------------------------------------------------------------

/** @param {any} n @param {string} [cls] */
function networkCard(n, cls = '') {
  return h(
    'div',
    { class: `net-card ${cls}`.trim() },
    n?.name ? pageText(String(n.name), 'net-name', 'p') : h('p', { class: 'net-name', text: t('approvalNetworkUnnamed') }),
    h('p', { class: 'hint', text: t('approvalNetworkChainId', [chainText(n?.chainId)]) }),
  );
}

/** @param {Approval} a @returns {Rendered} */
function switchChain(a) {
  const p = a.payload ?? {};
  return {
    title: t('approvalSwitchTitle'),
    lede: t('approvalSwitchLede'),
    body: [
      h(
        'div',
        { class: 'switch', testid: 'switch-networks' },
        labelled(t('approvalSwitchFrom'), networkCard(p.from)),
        h('span', { class: 'switch-arrow', attrs: { 'aria-hidden': 'true' }, text: '↓' }),
        labelled(t('approvalSwitchTo'), networkCard(p.to, 'to')),
      ),
      p.to?.rpcUrl ? facts([[t('approvalNetworkRpcUrl'), mono(String(p.to.rpcUrl))]]) : null,
    ].filter((n) => n !== null),
    approveLabel: t('approvalSwitchApprove'),
    busyLabel: t('approvalSwitchBusy'),
  };
}

/** @param {Approval} a @returns {Rendered} */
function addChain(a) {
  const n = a.payload?.network ?? {};
  return {
    title: t('approvalAddChainTitle'),
    lede: t('approvalAddChainLede'),
    body: [
      panel(
        t('approvalAddChainDetails'),
        facts(
          [
            [t('approvalNetworkName'), pageText(String(n.name ?? ''))],
            [t('approvalNetworkChainIdLabel'), chainText(n.chainId)],
            [t('approvalNetworkRpcUrl'), mono(String(n.rpcUrl ?? ''))],
            [t('approvalNetworkSymbol'), pageText(String(n.symbol ?? ''))],
            [t('approvalNetworkExplorer'), n.explorer ? mono(String(n.explorer)) : h('span', { class: 'hint', text: t('approvalNetworkNoExplorer') })],
          ],
          { testid: 'add-chain-details' },
        ),
      ),
      h('p', { class: 'callout note', text: t('approvalAddChainHint') }),
    ],
    approveLabel: t('approvalAddChainApprove'),
    busyLabel: t('approvalAddChainBusy'),
  };
}

// ---------------------------------------------------------------------------------------------

const FEE_LEVELS = /** @type {const} */ (['low', 'market', 'aggressive']);

/**
 * An account the call names: its address, whether it has code, and its known name.
 * @param {import('../../wasm/wallet_risk.js').AddressInfo} info
 */
function accountInfo(info) {
  const kind = info.code === 'contract' ? t('approvalCallContract') : info.code === 'no-code' ? t('approvalCallNoCode') : null;
  return h(
    'span',
    { class: 'call-account', data: { code: info.code } },
    info.name ? h('span', { class: 'strong', text: `${info.name} ` }) : null,
    addressEl(info.address, 'small'),
    kind ? h('span', { class: info.code === 'no-code' ? 'badge danger' : 'badge', text: kind }) : null,
  );
}

/**
 * The call the engine decoded: the function and each argument by name, amounts in the token's
 * units, accounts with "contract" or "no code" and their known names.
 * @param {import('../../wasm/wallet_risk.js').DecodedCall} call
 */
function decodedCall(call) {
  const rows = call.args.map((arg) => {
    /** @type {Node} */
    let value;
    if (arg.amount) {
      const m = arg.amount;
      value = m.unlimited
        ? h('span', { class: 'strong danger-text', text: t('approvalCallUnlimited') })
        : h('span', { class: 'mono strong', text: m.formatted !== null ? `${m.formatted}${m.symbol ? ` ${m.symbol}` : ''}` : m.value });
    } else if (arg.account) {
      value = accountInfo(arg.account);
    } else {
      value = pageText(arg.value, 'mono wrap');
    }
    return h('div', { class: 'fact', testid: 'tx-call-arg', data: { name: arg.name, type: arg.type } }, h('dt', { text: `${arg.name} (${arg.type})` }), h('dd', {}, value));
  });
  return panel(
    t('approvalCallTitle'),
    h(
      'div',
      { class: 'tx-call', testid: 'tx-call', data: { function: call.function, selector: call.selector } },
      h('p', {}, h('span', { class: 'mono strong', text: call.function }), ' ', h('span', { class: 'hint', text: t('approvalCallOn') }), ' ', accountInfo(call.contract)),
      h('dl', { class: 'facts' }, ...rows),
    ),
  );
}

/** @param {Approval} a @param {Context} ctx @returns {Rendered} */
function transaction(a, ctx) {
  const p = a.payload ?? {};
  const net = p.network ?? {};
  const symbol = String(net.symbol ?? 'ETH');
  const decimals = Number.isInteger(net.decimals) ? net.decimals : 18;
  const value = big(p.valueWei) ?? 0n;
  const gas = big(p.gas);
  const data = typeof p.data === 'string' && p.data.length > 2 ? p.data : '';
  const creation = p.to === null || p.to === undefined || p.to === '';

  const coin = (/** @type {bigint} */ wei, cls = 'amount') => amountEl(wei, decimals, symbol, cls);
  const gwei = (/** @type {bigint} */ wei) => t('approvalFeeGwei', [formatUnits(wei, 9)]);

  // The wallet's own send names the asset and the person it goes to (for a token, `to` is the
  // token's contract and the recipient is in the data).
  const transfer = p.transfer && typeof p.transfer === 'object' ? p.transfer : null;
  const tokenAmount = transfer?.token ? big(transfer.amount) : null;
  const recipient = transfer ? String(transfer.recipient) : String(p.to);
  // The summary: what leaves the account, and where it goes.
  const summary = h(
    'div',
    { class: 'tx-summary' },
    tokenAmount !== null && transfer
      ? labelled(
          t('approvalTxAmount'),
          h('p', { class: 'tx-value', testid: 'tx-token-amount', data: { amount: tokenAmount.toString(), token: String(transfer.token) } }, amountEl(tokenAmount, Number(transfer.decimals), String(transfer.symbol), 'amount big')),
        )
      : labelled(t('approvalTxAmount'), h('p', { class: 'tx-value', testid: 'tx-value', data: { wei: value.toString() } }, coin(value, 'amount big'))),
    labelled(
      creation ? t('approvalTxCreates') : t('approvalTxTo'),
      creation ? h('p', { class: 'tx-create', testid: 'tx-to', text: t('approvalTxNewContract') }) : addressEl(recipient, 'tx-to', 'tx-to'),
    ),
    transfer?.token ? labelled(t('approvalTxTokenContract'), addressEl(String(transfer.token), 'small', 'tx-token-contract')) : null,
    p.replacement && typeof p.replacement === 'object'
      ? h('p', { class: 'callout info', testid: 'tx-replaces', data: { nonce: String(p.replacement.nonce) }, text: t(p.kind === 'cancel' ? 'approvalTxCancelsNonce' : 'approvalTxReplacesNonce', [String(p.replacement.nonce)]) })
      : null,
    labelled(
      t('approvalTxNetwork'),
      h('p', { class: 'tx-network', data: { chainId: String(p.chainId ?? '') } }, h('span', { class: 'strong', text: String(net.name ?? '') }), ' ', h('span', { class: 'muted', text: `· ${t('approvalNetworkChainId', [chainText(p.chainId)])}` })),
    ),
  );

  // The fee: a choice of three, or the legacy gas price.
  const fees = p.fees ?? {};
  /** @type {string} */
  let choice = '';
  /** @type {Map<string, bigint>} */
  const maxFees = new Map();
  /** @type {Node} */
  let feeNode;
  if (fees.type === 'eip1559' && fees.options && typeof fees.options === 'object') {
    const levels = FEE_LEVELS.filter((l) => fees.options[l]);
    choice = levels.includes(fees.choice) ? fees.choice : levels.includes('market') ? 'market' : levels[0] ?? '';
    const fieldset = h('fieldset', { class: 'fees' }, h('legend', { text: t('approvalFeeTitle') }));
    for (const level of levels) {
      const o = fees.options[level];
      const perGas = big(o.maxFeePerGas);
      const tip = big(o.maxPriorityFeePerGas);
      const max = perGas !== null && gas !== null ? perGas * gas : null;
      if (max !== null) maxFees.set(level, max);
      const radio = h('input', { testid: 'fee-option', data: { fee: level }, attrs: { type: 'radio', name: `fee-${a.id}`, value: level } });
      radio.checked = level === choice;
      radio.addEventListener('change', () => {
        if (radio.checked) choice = level;
        renderTotal();
        ctx.update();
      });
      fieldset.append(
        h(
          'label',
          { class: 'fee' },
          radio,
          h(
            'span',
            { class: 'fee-text' },
            h('span', { class: 'fee-name', text: t(`approvalFee_${level}`) }),
            h('span', { class: 'hint', text: [perGas !== null ? gwei(perGas) : '', tip !== null ? t('approvalFeeTip', [formatUnits(tip, 9)]) : ''].filter(Boolean).join(t('listSeparator')) }),
          ),
          h('span', { class: 'fee-amount' }, max !== null ? coin(max) : '—'),
        ),
      );
    }
    feeNode = fieldset;
  } else {
    const price = big(fees.gasPrice);
    const cost = big(p.maxCostWei);
    const max = price !== null && gas !== null ? price * gas : cost !== null ? cost - value : null;
    if (max !== null) maxFees.set('', max);
    feeNode = labelled(
      t('approvalFeeTitle'),
      h(
        'div',
        { class: 'fee single', testid: 'fee-legacy' },
        h('span', { class: 'fee-text' }, h('span', { class: 'fee-name', text: t('approvalFeeLegacy') }), price !== null ? h('span', { class: 'hint', text: t('approvalFeeGasPrice', [formatUnits(price, 9)]) }) : null),
        h('span', { class: 'fee-amount' }, max !== null ? coin(max) : '—'),
      ),
    );
  }

  const total = h('p', { class: 'tx-total', testid: 'tx-total' });
  function renderTotal() {
    const fee = maxFees.get(choice);
    const sum = fee !== undefined ? value + fee : big(p.maxCostWei);
    total.dataset.wei = sum === null ? '' : sum.toString();
    total.replaceChildren(sum === null ? '—' : coin(sum));
  }
  renderTotal();

  /** @type {Node[]} */
  const body = [
    summary,
    labelled(t('approvalTxFrom'), accountCard(String(p.from ?? ''), p.accountName)),
    h(
      'div',
      { class: 'fee-block' },
      feeNode,
      h('p', { class: 'hint', text: gas !== null ? t('approvalFeeHintGas', [gas.toLocaleString()]) : t('approvalFeeHint') }),
    ),
    h('div', { class: 'total-row' }, h('span', { class: 'label', text: t('approvalTxTotal') }), total),
    h('p', { class: 'callout warning irreversible', testid: 'tx-irreversible', text: t('approvalTxIrreversible') }),
  ];
  if (p.decoded && typeof p.decoded === 'object' && Array.isArray(p.decoded.args)) body.splice(1, 0, decodedCall(p.decoded));
  if (data) {
    // A contract creation's data is code: it has no function selector.
    const selector = !creation && typeof p.selector === 'string' && /^0x[0-9a-f]{8}$/i.test(p.selector) ? p.selector : null;
    body.push(
      panel(
        t('approvalTxDataTitle'),
        facts([
          selector ? [t('approvalTxSelector'), h('span', { class: 'mono strong', testid: 'tx-selector', text: selector })] : null,
          [t('approvalTxDataSize'), t('approvalTxBytes', [String(Math.floor((data.length - 2) / 2))])],
        ]),
        h('pre', { class: 'message hex', testid: 'tx-data', text: data, attrs: { tabindex: '0', 'aria-label': t('approvalTxDataTitle') } }),
      ),
    );
  }
  return {
    title:
      p.kind === 'speedup' ? t('approvalTxSpeedUpTitle')
      : p.kind === 'cancel' ? t('approvalTxCancelTitle')
      : creation ? t('approvalTxDeployTitle')
      : data && !transfer ? t('approvalTxCallTitle')
      : t('approvalTxSendTitle'),
    lede: creation ? t('approvalTxDeployLede') : t('approvalTxLede'),
    body,
    approveLabel: t('approvalTxApprove'),
    busyLabel: t('approvalTxBusy'),
    ready: () => fees.type !== 'eip1559' || choice !== '',
    args: () => (fees.type === 'eip1559' ? { fee: choice } : {}),
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * The token's first letter in a disc. The site's own picture (`image`) is not shown: anyone can
 * give a fake token a real token's logo, and a familiar logo is exactly the cue a person trusts.
 * @param {string} symbol
 */
const tokenBadge = (symbol) => h('span', { class: 'token-image placeholder', attrs: { 'aria-hidden': 'true' }, text: [...symbol][0] ?? '?' });

/** The suggested symbol, large, its hidden characters marked. @param {string} symbol */
function symbolEl(symbol) {
  const el = pageText(symbol, 'token-symbol', 'p');
  el.dataset.testid = 'watch-symbol';
  return el;
}

/** @param {Approval} a @returns {Rendered} */
function watchAsset(a) {
  const tk = a.payload?.token ?? {};
  return {
    title: t('approvalWatchTitle'),
    lede: t('approvalWatchLede'),
    body: [
      h(
        'div',
        { class: 'token-card' },
        tokenBadge(String(tk.symbol ?? '')),
        symbolEl(String(tk.symbol ?? '')),
      ),
      panel(
        t('approvalWatchDetails'),
        facts([
          [t('approvalWatchSymbol'), pageText(String(tk.symbol ?? ''))],
          [t('approvalWatchContract'), addressEl(String(tk.address ?? ''), 'small', 'watch-address')],
          [t('approvalWatchDecimals'), String(tk.decimals ?? '')],
        ]),
      ),
    ],
    approveLabel: t('approvalWatchApprove'),
    busyLabel: t('approvalWatchBusy'),
  };
}

// ---------------------------------------------------------------------------------------------

/** @param {Approval} a @returns {Rendered} */
function unknown(a) {
  return {
    title: t('approvalUnknownTitle'),
    lede: t('approvalUnknownLede'),
    body: [facts([[t('approvalUnknownType'), h('span', { class: 'mono wrap strong', testid: 'approval-type-name', text: String(a.type) })]])],
    approvable: false,
  };
}

/** @type {Record<string, (a: Approval, ctx: Context) => Rendered>} */
const RENDERERS = {
  connect,
  personal_sign: personalSign,
  typed_data: typedData,
  switch_chain: switchChain,
  add_chain: addChain,
  transaction,
  watch_asset: watchAsset,
};

/** @param {Approval} a @param {Context} ctx @returns {Rendered} */
export function render(a, ctx) {
  const fn = Object.hasOwn(RENDERERS, a.type) ? RENDERERS[a.type] : unknown;
  return fn(a, ctx);
}
