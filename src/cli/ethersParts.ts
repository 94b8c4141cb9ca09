/**
 * The parts of ethers that the commands registered up front (`status`, `demo`) load when they run,
 * named one by one: an `import("ethers")` of the whole package would keep all of ethers (its
 * WebSocket provider and word lists included) in the bundled CLI's shared chunk (scripts/build-cli.js).
 */
export { BrowserProvider, formatUnits, getAddress, isAddress, JsonRpcProvider, Network } from "ethers";
