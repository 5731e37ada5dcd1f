// The TypeScript declarations of the values the WASM bridge returns, as tsify
// generates them from the Rust types into wallet_wasm.d.ts. Checked by
// `cargo test -p wallet-wasm`; UPDATE_DECLARATIONS=1 rewrites this file.
/**
 * An account of the wallet.
 */
export interface Account {
    address: string;
    name: string;
    kind: AccountKind;
    index?: number;
    path?: string;
}
/**
 * How an account's key is held.
 */
export type AccountKind = "hd" | "imported";
/**
 * What `checkPhrase` found.
 */
export interface PhraseInfo {
    language: PhraseLanguage;
    words: number;
}
/**
 * The word list of a phrase.
 */
export type PhraseLanguage = "en" | "ja";
/**
 * A signed transaction.
 */
export interface SignedTransaction {
    raw: string;
    hash: string;
}
/**
 * The result of `changePassword`.
 */
export interface PasswordChange {
    vault: string;
    key: string;
}
/**
 * The result of `importMetaMask` and `addMetaMaskAccounts`.
 */
export interface MetaMaskImport {
    /**
     * The new vault JSON to store.
     */
    vault: string;
    /**
     * How many distinct MetaMask vaults were found in what was given.
     */
    candidates: number;
    /**
     * Which of them the password opened (1-based, newest first).
     */
    opened: number;
    /**
     * The file (0-based, in the order given) where the opened vault was found first.
     */
    file: number;
    /**
     * How it was read there: `"text"`, `"log-record"` or `"table-entry"`.
     */
    source: string;
    /**
     * Its PBKDF2 iterations.
     */
    iterations: number;
    /**
     * How many accounts the wallet got from it.
     */
    added: number;
    /**
     * Keyrings that hold nothing this wallet can import (hardware wallets, snaps...).
     */
    skipped: MetaMaskSkipped[];
}
/**
 * A MetaMask keyring that was not imported.
 */
export interface MetaMaskSkipped {
    /**
     * MetaMask's keyring type, e.g. `"Ledger Hardware"`.
     */
    type: string;
    /**
     * Why: a stable code of wallet-core's `SkipReason`.
     */
    reason: string;
}
/**
 * A phrase that passes the checksum, one correction away from what was typed.
 */
export interface AssistantCandidate {
    /**
     * The phrase (words joined with a space, U+3000 for Japanese).
     */
    phrase: string;
    /**
     * `"replace"`, `"swap"`, `"insert"` or `"remove"`.
     */
    correction: string;
    /**
     * The 1-based position of the correction.
     */
    position: number;
    /**
     * The word put in (replace, insert).
     */
    word?: string;
    /**
     * Its first account, `m/44'/60'/0'/0/0` (with the passphrase given).
     */
    address: string;
    /**
     * With a known address given (`setKnownAddress`): its index among the candidate's first
     * 5 standard accounts `m/44'/60'/0'/0/i`, if it is one of them.
     */
    knownAt?: number;
}
/**
 * An account of the wallet's phrase on one of the schemes' paths.
 */
export interface PathAccount {
    /**
     * `"standard"`, `"ledger-live"` or `"legacy"`.
     */
    scheme: string;
    /**
     * Its index in that scheme.
     */
    index: number;
    /**
     * The full path, e.g. `m/44'/60'/2'/0/0`.
     */
    path: string;
    /**
     * The EIP-55 address.
     */
    address: string;
    /**
     * Whether the wallet already holds this address (at this path or as another account).
     */
    held: boolean;
}
/**
 * Which `eth_signTypedData` variant. Serialized as `"v3"` / `"v4"`.
 */
export type TypedDataVersion = "v3" | "v4";
/**
 * A typed-data request prepared for approval: the digest that would be signed and, built by
 * the same code, the domain and message exactly as they are hashed. What
 * `TypedData::prepare` returns, and (serialized, camelCase) the bridge's `prepareTypedData`.
 */
export interface PreparedTypedData {
    /**
     * The rules it was encoded with.
     */
    version: TypedDataVersion;
    /**
     * What `signTypedData` signs: `keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))`
     * (without the struct hash when the primary type is `EIP712Domain`), 0x-hex.
     */
    digest: string;
    /**
     * The primary type's name.
     */
    primaryType: string;
    /**
     * The domain: a `struct` node of type `EIP712Domain` with the declared domain fields, in
     * declared order.
     */
    domain: DisplayNode;
    /**
     * The message: a `struct` node of the primary type; `null` when the primary type is
     * `EIP712Domain` (then only the domain is signed).
     */
    message: DisplayNode | null;
    /**
     * The domain's `chainId` as a decimal string, when `EIP712Domain` declares a `chainId`
     * field and it is hashed; else `null`.
     */
    chainId: string | null;
    /**
     * The domain's `verifyingContract` (EIP-55), when declared and hashed; else `null`.
     */
    verifyingContract: string | null;
    /**
     * Paths of the values present in the input that no struct type declares, which are
     * therefore not signed: `domain.chainId`, `message.note`, `message.cc[1].name`, or
     * `message["odd key"]` for a key that is not a plain identifier. In the order the
     * traversal meets them (the domain, then the message; each object's own undeclared keys,
     * sorted, before its fields). When the primary type is `EIP712Domain`, every key of the
     * message.
     */
    undeclared: string[];
}
/**
 * One value of the display tree, with its declared type (`type`). Serialized internally
 * tagged by `kind`.
 */
export type DisplayNode = { kind: "struct"; type: string; fields: DisplayField[] } | { kind: "array"; type: string; items: DisplayNode[] } | { kind: "null"; type: string } | { kind: "address"; type: "address"; value: string } | { kind: "int"; type: string; value: string } | { kind: "bool"; type: "bool"; value: boolean } | { kind: "string"; type: "string"; value: string } | { kind: "bytes"; type: string; value: string };
/**
 * A hashed field of a struct.
 */
export interface DisplayField {
    /**
     * The field's name.
     */
    name: string;
    /**
     * The field's type as declared.
     */
    type: string;
    /**
     * Its value.
     */
    value: DisplayNode;
}
/**
 * The part of a transaction the rules read. The approval window has it before the nonce
 * and the fees are chosen.
 */
export interface TxCall {
    /**
     * The chain id, decimal or 0x-hex.
     */
    chainId: string;
    /**
     * The called contract; absent or `null` for a contract creation.
     */
    to?: string;
    /**
     * The call data, 0x-hex.
     */
    data?: string;
    /**
     * The value in wei, decimal or 0x-hex.
     */
    value?: string;
}
/**
 * Everything the caller gathered.
 */
export interface Facts {
    /**
     * Code facts.
     */
    code?: CodeFact[];
    /**
     * Token facts.
     */
    tokens?: TokenFact[];
    /**
     * The account that would sign (typed data: whose assets an order gives).
     */
    signer?: string;
}
/**
 * Whether an address has code.
 */
export interface CodeFact {
    /**
     * The address (any accepted spelling; a mixed-case one must match EIP-55).
     */
    address: string;
    /**
     * `eth_getCode` returned more than `0x`.
     */
    hasCode: boolean;
}
/**
 * An ERC-20 token's metadata, as far as the calls answered.
 */
export interface TokenFact {
    /**
     * The token contract.
     */
    address: string;
    /**
     * `symbol()`, if it answered.
     */
    symbol?: string;
    /**
     * `decimals()`, if it answered. A token fact without decimals says the contract is not
     * an ERC-20 (an ERC-721's `approve(to, tokenId)` has the same selector): its second
     * argument is then not judged as an amount.
     */
    decimals?: number;
    /**
     * `totalSupply()` as a decimal or 0x-hex string, if it answered.
     */
    totalSupply?: string;
}
/**
 * Which facts a request's judgement needs.
 */
export interface FactsNeeded {
    /**
     * Addresses whose code (`eth_getCode`) tells a contract from an account without code
     * (EIP-55).
     */
    codeOf: string[];
    /**
     * ERC-20 contracts whose `symbol`, `decimals` and `totalSupply` are needed (EIP-55).
     */
    tokenInfo: string[];
}
/**
 * What `describe_call` found: the decoded call, if the wallet knows it, and the facts its
 * judgement needs.
 */
export interface TransactionDescription {
    /**
     * The decoded call; `null` for a plain transfer, a creation, or a call the wallet does
     * not decode.
     */
    call: DecodedCall | null;
    /**
     * The facts to fetch before `assess_call`.
     */
    needs: FactsNeeded;
}
/**
 * What `assess_call` found: the call decoded with the facts applied, and the warnings.
 */
export interface TransactionAssessment {
    /**
     * As in [`TransactionDescription`], with `account` and `amount` filled from the facts.
     */
    call: DecodedCall | null;
    /**
     * The warnings, high first.
     */
    warnings: Warning[];
}
/**
 * A call the wallet knows, decoded for the approval window.
 */
export interface DecodedCall {
    /**
     * The called contract (EIP-55), with its known name.
     */
    contract: AddressInfo;
    /**
     * The function's name (`approve`).
     */
    function: string;
    /**
     * Its signature (`approve(address,uint256)`).
     */
    signature: string;
    /**
     * Its 4-byte selector, 0x-hex.
     */
    selector: string;
    /**
     * The arguments, in order.
     */
    args: DecodedArg[];
}
/**
 * One argument of a decoded call.
 */
export interface DecodedArg {
    /**
     * Its name in the function's signature.
     */
    name: string;
    /**
     * Its Solidity type.
     */
    type: string;
    /**
     * Its value: EIP-55 for an address, decimal for an integer, `true`/`false`.
     */
    value: string;
    /**
     * For an address argument: contract, no code, known name.
     */
    account: AddressInfo | null;
    /**
     * For an amount argument: in the token's units, when known.
     */
    amount: TokenAmount | null;
}
/**
 * An address as the approval window shows it.
 */
export interface AddressInfo {
    /**
     * EIP-55.
     */
    address: string;
    /**
     * Contract, no code, or unknown.
     */
    code: CodeKind;
    /**
     * Its name when it is a well-known contract of this chain (`data/spenders/<chain>.json`).
     */
    name: string | null;
}
/**
 * Whether an address has code.
 */
export type CodeKind = "contract" | "no-code" | "unknown";
/**
 * An amount of a token: exact, in the smallest unit, and in the token's units when its
 * decimals are known.
 */
export interface TokenAmount {
    /**
     * The token contract (EIP-55), when the amount is of one token.
     */
    token: string | null;
    /**
     * The exact amount in the smallest unit, decimal.
     */
    value: string;
    /**
     * The token's `decimals()`, when known.
     */
    decimals: number | null;
    /**
     * The token's `symbol()`, when known.
     */
    symbol: string | null;
    /**
     * `value` in the token's units, exact (`"4.56"`), when `decimals` is known.
     */
    formatted: string | null;
    /**
     * Effectively unlimited: at least 2^255 (2^159 for Permit2's 160-bit amounts), or at
     * least the token's total supply when that is known.
     */
    unlimited: boolean;
}
/**
 * What the typed data is, as far as the rules know.
 */
export type TypedDataKind = "permit" | "dai-permit" | "permit2" | "seaport-order" | "blur-order" | "other";
/**
 * What `describe_typed_data` found.
 */
export interface TypedDataDescription {
    /**
     * What it is.
     */
    kind: TypedDataKind;
    /**
     * The facts to fetch before `assess_typed_data`.
     */
    needs: FactsNeeded;
}
/**
 * What `assess_typed_data` found.
 */
export interface TypedDataAssessment {
    /**
     * What it is.
     */
    kind: TypedDataKind;
    /**
     * The warnings, high first.
     */
    warnings: Warning[];
}
/**
 * One warning. Serialized tagged by `code`, the TESTIDS risk code.
 */
export type Warning = { code: "unlimited-approval"; severity: Severity; amount: TokenAmount; spender: AddressInfo } | { code: "eoa-spender"; severity: Severity; spender: AddressInfo; token: string | null } | { code: "approval-for-all"; severity: Severity; collection: string; operator: AddressInfo } | { code: "permit-signature"; severity: Severity; style: PermitStyle; amount: TokenAmount; spender: AddressInfo; deadline: string | null } | { code: "permit2-signature"; severity: Severity; primaryType: string; permits: Permit2Item[]; spender: AddressInfo; deadline: string | null; witnessType: string | null } | { code: "order-gives-away"; severity: Severity; marketplace: Marketplace; offerer: string; offer: OrderItem[]; recipients: string[] } | { code: "new-site"; severity: Severity; origin: string } | { code: "phishing-origin"; severity: Severity; origin: string; reason: PhishingReason; imitates: string | null };
/**
 * How serious. Matches TESTIDS `data-severity`; a `high` one needs `risk-acknowledge`.
 */
export type Severity = "info" | "medium" | "high";
/**
 * Which permit.
 */
export type PermitStyle = "eip2612" | "dai";
/**
 * One token a Permit2 signature lets the spender take.
 */
export interface Permit2Item {
    /**
     * The amount (with its `token`).
     */
    amount: TokenAmount;
    /**
     * When the allowance ends (`PermitDetails.expiration`), unix seconds; `null` for the
     * one-time transfer permits.
     */
    expiration: string | null;
}
/**
 * Which marketplace.
 */
export type Marketplace = "seaport" | "blur";
/**
 * One asset an order gives.
 */
export interface OrderItem {
    /**
     * `native`, `erc20`, `erc721`, `erc1155` (Seaport's `*_WITH_CRITERIA` items as
     * `erc721-criteria`, `erc1155-criteria`).
     */
    kind: string;
    /**
     * The token or collection, EIP-55.
     */
    token: string;
    /**
     * The token id (or criteria root), decimal.
     */
    identifier: string;
    /**
     * The amount at the start (Seaport's `startAmount`), decimal.
     */
    amount: string;
}
/**
 * What the caller knows about the site that asks.
 */
export interface SiteFacts {
    /**
     * The requesting origin, whole (`https://app.example.org`).
     */
    origin: string;
    /**
     * This is the origin's first request (the wallet has no record of it).
     */
    firstRequest: boolean;
}
/**
 * The judgement of one host.
 */
export interface Verdict {
    /**
     * The host as judged: lowercase ASCII, no trailing dot.
     */
    host: string;
    /**
     * The host with its `xn--` labels decoded, when it has any.
     */
    unicode: string | null;
    /**
     * Whether to warn (`reason` says why).
     */
    phishing: boolean;
    /**
     * Why, when `phishing`.
     */
    reason: PhishingReason | null;
    /**
     * The well-known site it imitates (its domain), when known: TESTIDS `data-imitates`.
     */
    imitates: string | null;
}
/**
 * Why a host is judged a phishing site. Matches TESTIDS `phishing-warning` `data-reason`.
 */
export type PhishingReason = "listed" | "lookalike" | "homograph";
/**
 * Facts about a loaded list, for the settings page and to compare a download with.
 */
export interface PhishingListInfo {
    /**
     * The list's `version` field (its format version).
     */
    formatVersion: number;
    /**
     * Blocked hosts (`blacklist`).
     */
    blocked: number;
    /**
     * Allowed hosts (`whitelist`).
     */
    allowed: number;
}
