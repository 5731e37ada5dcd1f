// The test fixtures of tests/e2e/support (contracts.mjs, typed.mjs, rpc-proxy.mjs, solidity.mjs,
// erc20.mjs) against a real anvil of their own, on a free port (never 8545, which the
// end-to-end tests use). No browser. Signatures are made with ethers Wallets of anvil's dev keys
// and checked by the contracts on chain, so a wrong type, domain or encoding fails here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TypedDataEncoder, Wallet, getAddress } from 'ethers';
import { ROOT } from '../e2e/support/harness.mjs';
import { chainRpc, startAnvil } from '../e2e/support/anvil.mjs';
import { compileContract } from '../e2e/support/solidity.mjs';
import { deployToken } from '../e2e/support/erc20.mjs';
import * as c from '../e2e/support/contracts.mjs';
import * as typed from '../e2e/support/typed.mjs';
import { startRpcProxy } from '../e2e/support/rpc-proxy.mjs';

const hd = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/eth-hd.json'), 'utf8'));
const dev = hd.vectors.filter((v) => v.mnemonic.endsWith('junk')).slice(0, 5);
const [OWNER, RELAYER, SPENDER, RECIPIENT, OTHER] = dev.map((v) => v.address);
const ownerKey = new Wallet(dev[0].privateKey);

let anvil;
let url;
const opts = () => ({ url });

async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const s = net.createServer().once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    if (port !== 8545) return port;
  }
}

before(async () => {
  anvil = await startAnvil({ port: await freePort() });
  url = anvil.url;
});
after(() => anvil?.stop());

const sign = (data) => ownerKey.signTypedData(...Object.values(typed.forEthers(data)));

test('the test contracts compile without warnings', () => {
  for (const file of ['TestToken.sol', 'TestPermitToken.sol', 'TestNFT.sol']) {
    assert.deepEqual(compileContract(file).warnings, [], file);
  }
});

test('erc20.mjs deployToken still deploys TestToken', async () => {
  const token = await deployToken({ symbol: 'TST', decimals: 6, supply: 5000n, from: OWNER, url });
  assert.equal(await c.balanceOf(token, OWNER, opts()), 5000n);
});

test('Permit2: the written-in immutables are what its constructor writes; DOMAIN_SEPARATOR() equals ethers', async () => {
  // Deploy the creation code with a normal transaction: the constructor computes the immutables
  // for that address and chain. permit2RuntimeCode must produce the same bytes.
  const v = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/permit2.json'), 'utf8'));
  const receipt = await c.sendTx({ from: OTHER, data: v.creationCode, gas: '0x1000000', url, what: 'Permit2 creation code' });
  const deployed = getAddress(receipt.contractAddress);
  assert.equal(await chainRpc('eth_getCode', [deployed, 'latest'], url), c.permit2RuntimeCode(31337n, deployed));

  assert.equal(await c.installPermit2(opts()), c.PERMIT2_ADDRESS);
  assert.equal(await chainRpc('eth_getCode', [c.PERMIT2_ADDRESS, 'latest'], url), c.permit2RuntimeCode(31337n));
  const expected = TypedDataEncoder.hashDomain({ name: 'Permit2', chainId: 31337, verifyingContract: c.PERMIT2_ADDRESS });
  assert.equal(await c.domainSeparator(c.PERMIT2_ADDRESS, opts()), expected);
  assert.equal(expected, '0x4d553c58ae79a6c4ba64f0e690a5d1cd2deff8c6b91cf38300e0f2b76f9ee346');
});

test('EIP-2612: a Permit signed with ethers (dev key #0) sets the allowance on TestPermitToken; a replay and another chain fail', async () => {
  const token = await c.deployPermitToken({ from: OWNER, url });
  assert.equal(
    await c.domainSeparator(token, opts()),
    TypedDataEncoder.hashDomain({ name: 'Permit Token', version: '1', chainId: 31337, verifyingContract: token }),
  );
  const value = 123n * 10n ** 18n;
  const data = typed.eip2612Permit({ token, owner: OWNER, spender: SPENDER, value, nonce: await c.permitNonce(token, OWNER, opts()) });
  assert.deepEqual(JSON.parse(JSON.stringify(data)), data, 'survives JSON');
  const sig = await sign(data);
  const call = c.permitData(OWNER, SPENDER, value, data.message.deadline, sig);
  await c.sendTx({ from: RELAYER, to: token, data: call, url });
  assert.equal(await c.allowance(token, OWNER, SPENDER, opts()), value);
  assert.equal(await c.permitNonce(token, OWNER, opts()), 1n);
  await assert.rejects(c.sendTx({ from: RELAYER, to: token, data: call, url }), /failed/, 'the nonce was used');

  const otherChain = typed.eip2612Permit({ token, owner: OWNER, spender: SPENDER, value: 1n, nonce: 1, chainId: 1 });
  await assert.rejects(c.sendTx({ from: RELAYER, to: token, data: c.permitData(OWNER, SPENDER, 1n, otherChain.message.deadline, await sign(otherChain)), url }), /failed/);
  assert.equal(await c.allowance(token, OWNER, SPENDER, opts()), value);
});

test('ERC-20 calldata: approve and increaseAllowance', async () => {
  const token = await c.deployPermitToken({ symbol: 'APR', from: OWNER, url });
  await c.sendTx({ from: OWNER, to: token, data: c.approveData(SPENDER, 10n), url });
  await c.sendTx({ from: OWNER, to: token, data: c.increaseAllowanceData(SPENDER, 5n), url });
  assert.equal(await c.allowance(token, OWNER, SPENDER, opts()), 15n);
  await c.sendTx({ from: OWNER, to: token, data: c.approveData(SPENDER, c.MAX_UINT256), url });
  assert.equal(await c.allowance(token, OWNER, SPENDER, opts()), c.MAX_UINT256);
});

test('ERC-721: mint by the deployer only, ERC-165, setApprovalForAll lets the operator transfer', async () => {
  const nft = await c.deployNFT({ from: OWNER, url });
  await c.mint(nft, OWNER, 7, opts());
  await assert.rejects(c.mint(nft, OTHER, 8, { from: OTHER, url }), /failed/);
  assert.equal(await c.ownerOf(nft, 7, opts()), OWNER);
  for (const [id, yes] of [['0x01ffc9a7', true], ['0x80ac58cd', true], ['0x5b5e139f', true], ['0xffffffff', false]]) {
    const answer = await chainRpc('eth_call', [{ to: nft, data: '0x01ffc9a7' + id.slice(2).padEnd(64, '0') }, 'latest'], url);
    assert.equal(BigInt(answer) === 1n, yes, id);
  }
  assert.equal(await c.isApprovedForAll(nft, OWNER, SPENDER, opts()), false);
  await c.sendTx({ from: OWNER, to: nft, data: c.setApprovalForAllData(SPENDER, true), url });
  assert.equal(await c.isApprovedForAll(nft, OWNER, SPENDER, opts()), true);
  await c.sendTx({ from: OWNER, to: nft, data: c.nftApproveData(OTHER, 7), url });
  assert.equal(await c.getApproved(nft, 7, opts()), OTHER);
  const transfer = '0x23b872dd' + [OWNER, RECIPIENT].map((a) => a.slice(2).toLowerCase().padStart(64, '0')).join('') + (7).toString(16).padStart(64, '0');
  await c.sendTx({ from: SPENDER, to: nft, data: transfer, url });
  assert.equal(await c.ownerOf(nft, 7, opts()), RECIPIENT);
  assert.equal(BigInt(await c.getApproved(nft, 7, opts())), 0n, 'a transfer clears the approval');
});

test('Permit2: PermitSingle signed with ethers is accepted by permit(owner, permitSingle, signature); the spender then pulls tokens', async () => {
  await c.installPermit2(opts());
  const token = await c.deployPermitToken({ symbol: 'P2', from: OWNER, url });
  await c.sendTx({ from: OWNER, to: token, data: c.approveData(c.PERMIT2_ADDRESS, c.MAX_UINT256), url });
  const amount = 1000n;
  const { nonce } = await c.permit2Allowance(OWNER, token, SPENDER, opts());
  const data = typed.permit2PermitSingle({ token, amount, expiration: 4000000000, nonce, spender: SPENDER });
  const sig = await sign(data);
  await c.sendTx({ from: RELAYER, to: c.PERMIT2_ADDRESS, data: c.permit2PermitData(OWNER, data.message, sig), url });
  assert.deepEqual(await c.permit2Allowance(OWNER, token, SPENDER, opts()), { amount, expiration: 4000000000, nonce: 1 });

  // transferFrom goes through the solmate-free safeTransferFrom of the vector's build.
  await c.sendTx({ from: SPENDER, to: c.PERMIT2_ADDRESS, data: c.permit2TransferFromData(OWNER, RECIPIENT, 400n, token), url });
  assert.equal(await c.balanceOf(token, RECIPIENT, opts()), 400n);
  assert.equal((await c.permit2Allowance(OWNER, token, SPENDER, opts())).amount, 600n);
  await assert.rejects(
    c.sendTx({ from: SPENDER, to: c.PERMIT2_ADDRESS, data: c.permit2TransferFromData(OWNER, RECIPIENT, 601n, token), url }),
    /failed/,
    'over the allowance',
  );

  // approve() directly, as a dApp's transaction would.
  await c.sendTx({ from: OWNER, to: c.PERMIT2_ADDRESS, data: c.permit2ApproveData(token, OTHER, c.MAX_UINT160, 3000000000), url });
  assert.deepEqual(await c.permit2Allowance(OWNER, token, OTHER, opts()), { amount: c.MAX_UINT160, expiration: 3000000000, nonce: 0 });
});

test('Permit2: PermitTransferFrom signed with ethers is accepted by permitTransferFrom', async () => {
  await c.installPermit2(opts());
  const token = await c.deployPermitToken({ symbol: 'P2S', from: OWNER, url });
  await c.sendTx({ from: OWNER, to: token, data: c.approveData(c.PERMIT2_ADDRESS, c.MAX_UINT256), url });
  const data = typed.permit2TransferFrom({ token, amount: 50n, spender: SPENDER, nonce: 77 });
  const sig = await sign(data);
  const call = c.permit2PermitTransferFromData(data.message, { to: RECIPIENT, requestedAmount: 30n }, OWNER, sig);
  await c.sendTx({ from: SPENDER, to: c.PERMIT2_ADDRESS, data: call, url });
  assert.equal(await c.balanceOf(token, RECIPIENT, opts()), 30n);
  await assert.rejects(c.sendTx({ from: SPENDER, to: c.PERMIT2_ADDRESS, data: call, url }), /failed/, 'the unordered nonce was used');
  await assert.rejects(c.sendTx({ from: OTHER, to: c.PERMIT2_ADDRESS, data: c.permit2PermitTransferFromData(data.message, { to: OTHER, requestedAmount: 1n }, OWNER, sig), url }), /failed/, 'only the signed spender');
});

test('typed data: the type strings are the ones Permit2 (PermitHash.sol) and Seaport (ConsiderationBase) hash', () => {
  const encodeType = (d) => TypedDataEncoder.from(typed.forEthers(d).types).encodeType(d.primaryType);
  const a = '0x' + '11'.repeat(20);
  assert.equal(
    encodeType(typed.permit2PermitSingle({ token: a, amount: 1, spender: a })),
    'PermitSingle(PermitDetails details,address spender,uint256 sigDeadline)PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)',
  );
  assert.equal(
    encodeType(typed.permit2TransferFrom({ token: a, amount: 1, spender: a })),
    'PermitTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline)TokenPermissions(address token,uint256 amount)',
  );
  assert.equal(
    encodeType(typed.eip2612Permit({ token: a, owner: a, spender: a, value: 1 })),
    'Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)',
  );
  const order = typed.seaportSaleOrder({ offerer: a, nft: a, tokenId: 1, price: 10n ** 18n });
  assert.equal(
    encodeType(order),
    'OrderComponents(address offerer,address zone,OfferItem[] offer,ConsiderationItem[] consideration,uint8 orderType,uint256 startTime,uint256 endTime,bytes32 zoneHash,uint256 salt,bytes32 conduitKey,uint256 counter)' +
      'ConsiderationItem(uint8 itemType,address token,uint256 identifierOrCriteria,uint256 startAmount,uint256 endAmount,address recipient)' +
      'OfferItem(uint8 itemType,address token,uint256 identifierOrCriteria,uint256 startAmount,uint256 endAmount)',
  );
  for (const d of [order, typed.permit2PermitSingle({ token: a, amount: 1, spender: a })]) {
    const declared = d.types.EIP712Domain.map((f) => f.name);
    assert.deepEqual(Object.keys(d.domain), declared, 'EIP712Domain declares exactly the domain fields, in order');
  }
});

test('typed data: the Seaport giveaway pays the signer nothing, the sale pays the signer the price', async () => {
  const nft = '0x' + '22'.repeat(20);
  const attacker = OTHER;
  const give = typed.seaportGiveawayOrder({ offerer: OWNER, nft, tokenId: 5, receiver: attacker });
  assert.equal(give.domain.verifyingContract, '0x0000000000000068F116a894984e2DB1123eB395');
  assert.deepEqual(give.message.offer, [{ itemType: 2, token: nft, identifierOrCriteria: '5', startAmount: '1', endAmount: '1' }]);
  assert.ok(give.message.consideration.every((i) => i.recipient !== OWNER));
  assert.deepEqual(typed.seaportGiveawayOrder({ offerer: OWNER, nft, tokenId: 5 }).message.consideration, []);
  const sale = typed.seaportSaleOrder({ offerer: OWNER, nft, tokenId: 5, price: 2n * 10n ** 18n });
  assert.deepEqual(sale.message.consideration, [
    { itemType: 0, token: '0x0000000000000000000000000000000000000000', identifierOrCriteria: '0', startAmount: '2000000000000000000', endAmount: '2000000000000000000', recipient: OWNER },
  ]);
  // Both sign and recover with ethers (the wallet's own digest is tested in the e2e suite).
  const { verifyTypedData } = await import('ethers');
  for (const d of [give, sale]) {
    const e = typed.forEthers(d);
    assert.equal(verifyTypedData(e.domain, e.types, e.message, await sign(d)), OWNER);
  }
});

test('rpc-proxy: forwards, answers another chain id, delays, refuses and comes back on the same URL', async () => {
  const proxy = await startRpcProxy({ target: url });
  try {
    assert.notEqual(proxy.port, 8545);
    assert.equal(await chainRpc('eth_chainId', [], proxy.url), '0x7a69');
    assert.equal(await chainRpc('eth_getBalance', [OWNER, 'latest'], proxy.url), await chainRpc('eth_getBalance', [OWNER, 'latest'], url));

    proxy.answerChainId(1);
    assert.equal(await chainRpc('eth_chainId', [], proxy.url), '0x1');
    assert.equal(await chainRpc('net_version', [], proxy.url), '1');
    const batch = await (
      await fetch(proxy.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] },
          { jsonrpc: '2.0', id: 2, method: 'eth_chainId', params: [] },
        ]),
      })
    ).json();
    assert.equal(batch.find((a) => a.id === 2).result, '0x1');
    assert.match(batch.find((a) => a.id === 1).result, /^0x[0-9a-f]+$/);

    proxy.delay(300);
    let t = Date.now();
    await chainRpc('eth_blockNumber', [], proxy.url);
    assert.ok(Date.now() - t >= 290, `delayed ${Date.now() - t} ms`);

    await proxy.refuse();
    // The first request may go out on the client's pooled keep-alive socket, which the proxy
    // dropped ("other side closed"); the next needs a new connection, which is refused.
    await assert.rejects(chainRpc('eth_chainId', [], proxy.url), /fetch failed/);
    await assert.rejects(chainRpc('eth_chainId', [], proxy.url), (err) => err.cause?.code === 'ECONNREFUSED');

    await proxy.forward();
    t = Date.now();
    assert.equal(await chainRpc('eth_chainId', [], proxy.url), '0x7a69');
    assert.ok(Date.now() - t < 290, 'no delay after forward()');
    assert.deepEqual(proxy.calls.slice(0, 3), ['eth_chainId', 'eth_getBalance', 'eth_chainId']);
  } finally {
    await proxy.close();
  }
});
