// SPDX-License-Identifier: MIT OR Apache-2.0
// Written for this project (Kura Wallet tests); not solmate's code (solmate is AGPL-3.0-only).
// Permit2 uses one function of "solmate/utils/SafeTransferLib.sol": safeTransferFrom, which calls
// token.transferFrom and accepts a token that returns true or returns nothing. This library
// does the same in plain Solidity: it reverts ("TRANSFER_FROM_FAILED") when the call reverts or
// returns false, and reverts too when the answer is not an ABI-encoded bool. Like solmate's, it
// does not check that the token has code (Permit2 documents that).
pragma solidity ^0.8.17;

import {ERC20} from "../tokens/ERC20.sol";

library SafeTransferLib {
    function safeTransferFrom(ERC20 token, address from, address to, uint256 amount) internal {
        (bool ok, bytes memory returned) = address(token).call(abi.encodeCall(ERC20.transferFrom, (from, to, amount)));
        require(ok && (returned.length == 0 || abi.decode(returned, (bool))), "TRANSFER_FROM_FAILED");
    }
}
