// A site's transaction or typed data, judged before the person sees it: the rules are the
// risk engine's (crates/wallet-risk, through the core), the facts are gathered here from the
// person's own RPC endpoint, and nothing else is asked of anyone.
//
// Each judgement is two calls to the core: describe (what is this, and which facts does it need:
// the code of a spender, a token's symbol, decimals and total supply), then assess with the
// facts. A fact that could not be read is left out; a rule that needs it does not fire, so a
// dead endpoint gives fewer warnings, never a wrong one.

import { riskCore } from '../core.js';
import { rpcCall } from '../rpc.js';
import { SELECTOR, decodeAbiString } from '../tokens.js';

/** At most this many addresses are asked about per request (a call names two or three). */
const MAX_FACTS = 8;
/** Fact reads get less time than a normal call: the window must not wait long for a hint. */
const FACT_TIMEOUT_MS = 5_000;
const TOTAL_SUPPLY = '0x18160ddd';

/**
 * @typedef {import('../../wasm/wallet_risk.js').FactsNeeded} FactsNeeded
 * @typedef {import('../../wasm/wallet_risk.js').Facts} Facts
 * @typedef {import('../../wasm/wallet_risk.js').Warning} Warning
 * @typedef {import('../../wasm/wallet_risk.js').DecodedCall} DecodedCall
 * @typedef {import('../../wasm/wallet_risk.js').AddressInfo} AddressInfo
 * @typedef {import('../../wasm/wallet_risk.js').TokenAmount} TokenAmount
 * @typedef {Record<string, string | number | boolean | null> & { code: string, severity: string }} FlatWarning
 */

/** @param {string} rpcUrl @param {string} to @param {string} data */
const ethCall = (rpcUrl, to, data) => rpcCall(rpcUrl, 'eth_call', [{ to, data }, 'latest'], FACT_TIMEOUT_MS);

/** A 32-byte word as an integer, or undefined. @param {unknown} hex */
function uint(hex) {
  return typeof hex === 'string' && /^0x[0-9a-fA-F]{64}$/.test(hex) ? BigInt(hex) : undefined;
}

/**
 * The facts the core asked for, read from the endpoint (each one optional).
 * @param {string} rpcUrl @param {FactsNeeded} needs @param {string | null} signer
 * @returns {Promise<Facts>}
 */
export async function gatherFacts(rpcUrl, needs, signer) {
  const codeOf = needs.codeOf.slice(0, MAX_FACTS);
  const tokenInfo = needs.tokenInfo.slice(0, MAX_FACTS);
  // All at once: the window waits for the slowest read, not for their sum.
  const [code, tokens] = await Promise.all([readCode(rpcUrl, codeOf), readTokens(rpcUrl, tokenInfo)]);
  /** @type {Facts} */
  const facts = { code: code.filter((c) => c !== null), tokens };
  if (signer) facts.signer = signer;
  return facts;
}

/** @param {string} rpcUrl @param {string[]} codeOf */
function readCode(rpcUrl, codeOf) {
  return Promise.all(
    codeOf.map(async (address) => {
      try {
        const c = await rpcCall(rpcUrl, 'eth_getCode', [address, 'latest'], FACT_TIMEOUT_MS);
        return { address, hasCode: typeof c === 'string' && c !== '0x' && c !== '0x0' };
      } catch {
        return null;
      }
    }),
  );
}

/** @param {string} rpcUrl @param {string[]} tokenInfo */
function readTokens(rpcUrl, tokenInfo) {
  return Promise.all(
    tokenInfo.map(async (address) => {
      const [symbol, decimals, supply] = await Promise.all(
        [SELECTOR.symbol, SELECTOR.decimals, TOTAL_SUPPLY].map((selector) => ethCall(rpcUrl, address, selector).catch(() => null)),
      );
      /** @type {import('../../wasm/wallet_risk.js').TokenFact} */
      const fact = { address };
      const sym = decodeAbiString(symbol);
      if (sym !== null && sym.length <= 64) fact.symbol = sym;
      const dec = uint(decimals);
      if (dec !== undefined && dec <= 255n) fact.decimals = Number(dec);
      const total = uint(supply);
      if (total !== undefined) fact.totalSupply = total.toString();
      return fact;
    }),
  );
}

/** How an account reads in a warning: its known name, or the address and whether it has code. @param {AddressInfo} a */
const who = (a) => (a.name ? `${a.name} (${a.address})` : a.address);

/** A token amount in its units when known. @param {TokenAmount} m */
const amountText = (m) => (m.unlimited ? null : m.formatted !== null ? `${m.formatted}${m.symbol ? ` ${m.symbol}` : ''}` : m.value);

/**
 * The engine's warning as the window shows it: a code, a severity, and flat details.
 * @param {Warning} w @returns {FlatWarning}
 */
export function flatten(w) {
  /** @type {FlatWarning} */
  const out = { code: w.code, severity: w.severity };
  switch (w.code) {
    case 'unlimited-approval':
      out.spender = who(w.spender);
      out.token = w.amount.symbol ?? w.amount.token;
      break;
    case 'eoa-spender':
      out.spender = w.spender.address;
      if (w.token) out.token = w.token;
      break;
    case 'approval-for-all':
      out.operator = who(w.operator);
      out.collection = w.collection;
      break;
    case 'permit-signature':
      out.spender = who(w.spender);
      out.amount = w.amount.unlimited ? null : amountText(w.amount);
      out.unlimited = w.amount.unlimited;
      out.token = w.amount.symbol ?? w.amount.token;
      out.deadline = w.deadline;
      break;
    case 'permit2-signature':
      out.spender = who(w.spender);
      out.tokens = w.permits.map((p) => `${p.amount.unlimited ? '∞' : amountText(p.amount)}${p.amount.symbol || !p.amount.token ? '' : ` (${p.amount.token})`}`).join(', ');
      out.deadline = w.deadline;
      break;
    case 'order-gives-away':
      out.marketplace = w.marketplace;
      out.offer = w.offer.map((o) => `${o.kind} ${o.token}${o.identifier !== '0' ? ` #${o.identifier}` : ''} × ${o.amount}`).join(', ');
      out.recipients = w.recipients.join(', ');
      break;
    case 'phishing-origin':
      out.reason = w.reason;
      out.imitates = w.imitates;
      break;
    default:
      break;
  }
  return out;
}

/**
 * A site's transaction: the decoded call (or null) and the warnings.
 * @param {string} rpcUrl @param {{ chainId: string, to?: string | null, data?: string, value?: string }} tx
 * @returns {Promise<{ call: DecodedCall | null, warnings: FlatWarning[] }>}
 */
export async function judgeTransaction(rpcUrl, tx) {
  const w = await riskCore();
  /** @type {import('../../wasm/wallet_risk.js').TxCall} */
  const call = { chainId: tx.chainId };
  if (tx.to) call.to = tx.to;
  if (tx.data && tx.data !== '0x') call.data = tx.data;
  if (tx.value) call.value = tx.value;
  const { needs } = w.describeTransaction(call);
  const facts = await gatherFacts(rpcUrl, needs, null);
  const assessed = w.assessTransaction(call, facts);
  return { call: assessed.call, warnings: assessed.warnings.map(flatten) };
}

/**
 * Typed data (the page's JSON text, as the core prepared it for the window).
 * @param {string} rpcUrl @param {string} json @param {'v3' | 'v4'} version @param {string} signer
 * @returns {Promise<{ kind: string, warnings: FlatWarning[] }>}
 */
export async function judgeTypedData(rpcUrl, json, version, signer) {
  const w = await riskCore();
  const { needs } = w.describeTypedData(json, version);
  const facts = await gatherFacts(rpcUrl, needs, signer);
  const assessed = w.assessTypedData(json, version, facts);
  return { kind: assessed.kind, warnings: assessed.warnings.map(flatten) };
}
