// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IEvidence (ERC-1497)
/// @notice Evidence standard events. In Covenant `_evidence` is a URI whose document is identified
/// by its SHA-256, which the emitting contract also logs in its own events.
interface IEvidence {
    /// @dev An agreement as it was signed: its document and terms, for any later dispute.
    event MetaEvidence(uint256 indexed _metaEvidenceID, string _evidence);
    /// @dev A piece of evidence submitted for a dispute.
    event Evidence(
        IArbitrator indexed _arbitrator,
        uint256 indexed _evidenceGroupID,
        address indexed _party,
        string _evidence
    );
    /// @dev Links a dispute to its meta-evidence and evidence group.
    event Dispute(
        IArbitrator indexed _arbitrator,
        uint256 indexed _disputeID,
        uint256 _metaEvidenceID,
        uint256 _evidenceGroupID
    );
}
