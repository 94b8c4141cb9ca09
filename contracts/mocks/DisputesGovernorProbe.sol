// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title DisputesGovernorProbe
/// @notice Test-only stand-in for the council's OpenZeppelin Governor as `DisputeResolution` uses it:
/// `propose` with OZ's signature and proposal id (`hashProposal`), recorded and emitted. `setRefuse`
/// makes it revert like a governor whose proposal threshold the caller does not meet.
contract DisputesGovernorProbe {
    error DisputesGovernorProbeRefused(address proposer);

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
