// SPDX-License-Identifier: MIT OR Apache-2.0
// Written for this project (Kura Wallet tests); not solmate's code. Permit2 imports
// "solmate/tokens/ERC20.sol" only for the type it calls transferFrom on, so this interface is
// all the Permit2 build needs in its place (see ../build.mjs and tests/vectors/SOURCES.md).
pragma solidity ^0.8.17;

interface ERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}
