// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title DisputesGovernorProbe
/// @notice Test-only stand-in for the council's OpenZeppelin Governor as `RemedyExecution` uses it:
/// `propose` with OZ's signature, proposal id (`hashProposal`) and `#proposer=` restriction (B8),
/// recorded and emitted. `setRefuse` makes it revert like a governor whose proposal threshold the
/// caller does not meet.
contract DisputesGovernorProbe {
    /// @dev The probe was told to refuse proposals.
    error DisputesGovernorProbeRefused(address proposer);
    /// @dev As OZ's `GovernorRestrictedProposer`: the description names another proposer.
    error GovernorRestrictedProposer(address proposer);

    event ProposalCreated(
        uint256 proposalId,
        address proposer,
        address[] targets,
        uint256[] values,
        bytes[] calldatas,
        string description
    );

    bool public refuse;
    uint256 public proposals;

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) external returns (uint256 proposalId) {
        if (refuse) revert DisputesGovernorProbeRefused(msg.sender);
        bytes memory d = bytes(description);
        if (d.length >= 52) {
            // The `#proposer=0x…` suffix of OpenZeppelin Governor: only that address may propose.
            bool marked = true;
            bytes10 marker = "#proposer=";
            for (uint256 i = 0; i < 10; ++i) if (d[d.length - 52 + i] != marker[i]) marked = false;
            if (marked) {
                (bool ok, address named) = Strings.tryParseAddress(description, d.length - 42, d.length);
                if (ok && named != msg.sender) revert GovernorRestrictedProposer(msg.sender);
            }
        }
        proposalId = hashProposal(targets, values, calldatas, keccak256(bytes(description)));
        proposals += 1;
        emit ProposalCreated(proposalId, msg.sender, targets, values, calldatas, description);
    }

    /// @notice OpenZeppelin Governor's proposal id.
    function hashProposal(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(targets, values, calldatas, descriptionHash)));
    }
}
