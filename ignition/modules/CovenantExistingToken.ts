/**
 * The whole Covenant suite over an existing settlement token (an ERC-20 already on the chain):
 *   npx hardhat ignition deploy ignition/modules/CovenantExistingToken.ts --parameters params.json
 * with `{ "Covenant": { "token": "0x…", … } }`. Same module id, parameters and wiring as
 * `Covenant.ts` (see docs/deployment.md).
 */
import { CovenantExistingTokenModule } from "./Covenant";

export default CovenantExistingTokenModule;
