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
