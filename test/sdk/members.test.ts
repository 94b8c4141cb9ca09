import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider, zeroPadValue, type Eip1193Provider } from "ethers";
import { createClient, type CovenantClient } from "../../src/sdk/client";
import { CovenantError } from "../../src/sdk/errors";
import { findMember, listMembers, memberStatusAt, memberView } from "../../src/sdk/members";
import { isoTime } from "../../src/sdk/money";
import { Kind, Status, applyAs, deploySuite, entityId, profileHash, type Suite } from "../helpers/suite";

const CHINESE_NAME = "中国钢研科技集团";
const REASON = ethers.id("council decision");

/** A log as a node answers `eth_getLogs`. */
interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
}

/** Three founders; the deployer keeps COUNCIL and DISCIPLINE (admits, suspends, expels at once). */
async function fixture() {
  const s = await deploySuite({ founders: 3, unitCouncil: true });
  const [applicant] = s.others;
  await applyAs(s, applicant, {
    name: CHINESE_NAME,
    kind: Kind.ResearchInstitute,
    profile: profileHash("v1"),
  });
  await time.increase(10);
  await s.membership.connect(applicant).updateProfile(profileHash("v2"));
  await time.increase(10);
  await s.membership.admit(applicant.address);
  return { ...s, applicant };
}

/** An SDK client on the in-process chain, whose node may rewrite its `eth_getLogs` answers. */
async function clientOf(s: Suite, tamper: (logs: RpcLog[]) => RpcLog[] = (l) => l): Promise<CovenantClient> {
  const node: Eip1193Provider = {
    request: async (args) => {
      const r: unknown = await hre.network.provider.request(args);
      return args.method === "eth_getLogs" ? tamper(r as RpcLog[]) : r;
    },
  };
  return createClient({
    runner: new BrowserProvider(node),
    book: { chainId: 31337, contracts: { Membership: await s.membership.getAddress() }, deployedAt: "" },
  });
}

async function blockTimeOf(tx: Promise<{ wait: () => Promise<{ blockNumber: number } | null> }>) {
  const r = await (await tx).wait();
  return (await ethers.provider.getBlock(r!.blockNumber))!.timestamp;
}

describe("sdk/members: member records read from Membership's events (lean records)", function () {
  it("member show reads the name, the profile hash and the times of application and admission from the events", async function () {
    const s = await loadFixture(fixture);
    const client = await clientOf(s);
    const v = await memberView(client, s.applicant.address);
    const applied = await s.membership.queryFilter(s.membership.filters.MemberApplied(s.applicant.address));
    const admitted = await s.membership.queryFilter(s.membership.filters.MemberAdmitted(s.applicant.address));
    const at = async (block: number) => isoTime((await ethers.provider.getBlock(block))!.timestamp);
    expect(v).to.deep.equal({
      address: s.applicant.address,
      name: CHINESE_NAME,
      kind: "ResearchInstitute",
      status: "Active",
      entityId: entityId(s.applicant.address),
      profileHash: profileHash("v2"),
      appliedAt: await at(applied[0].blockNumber),
      admittedAt: await at(admitted[0].blockNumber),
      noticeAt: null,
      seatId: "4",
    });
    expect(ethers.toUtf8Bytes(v.name)).to.deep.equal(ethers.toUtf8Bytes(CHINESE_NAME));
  });

  it("finds a member by name, entity id and address, and refuses an unknown one", async function () {
    const s = await loadFixture(fixture);
    const client = await clientOf(s);
    for (const q of [CHINESE_NAME, entityId(s.applicant.address), s.applicant.address])
      expect((await findMember(client, q)).address).to.equal(s.applicant.address);
    await expect(findMember(client, "Nobody Ltd")).to.be.rejectedWith(
      /no member with address, entity id or name/,
    );
    await expect(findMember(client, s.stranger.address)).to.be.rejectedWith(
      /is not a member and never applied/,
    );
  });

  it("member list: every record from the application events, by status then application, filtered by status and kind", async function () {
    const s = await loadFixture(fixture);
    const [, cancelled, suspended] = s.others;
    await applyAs(s, cancelled, { name: "Cancelled" });
    await s.membership.connect(cancelled).cancelApplication();
    await applyAs(s, suspended, { name: "Suspended", kind: Kind.University });
    await s.membership.admit(suspended.address);
    await s.membership.suspend(suspended.address, REASON);
    const client = await clientOf(s);
    const all = await listMembers(client);
    expect(all.map((m) => [m.name, m.status])).to.deep.equal([
      ["Founder 0", "Active"],
      ["Founder 1", "Active"],
      ["Founder 2", "Active"],
      [CHINESE_NAME, "Active"],
      ["Suspended", "Suspended"],
    ]);
    expect((await listMembers(client, { status: Status.Suspended })).map((m) => m.name)).to.deep.equal([
      "Suspended",
    ]);
    expect((await listMembers(client, { kind: Kind.University })).map((m) => m.name)).to.deep.equal([
      "Founder 1",
      "Suspended",
    ]);
    expect(await listMembers(client, { status: Status.Withdrawn })).to.deep.equal([]);
    // A cancelled first application leaves no record: status None, no name.
    expect(await memberView(client, cancelled.address)).to.include({
      status: "None",
      name: "",
      appliedAt: null,
    });
  });

  it("keeps the last applied name of a re-application, and the record it returns to when cancelled", async function () {
    const s = await loadFixture(fixture);
    const a = s.applicant;
    await s.membership.expel(a.address, REASON);
    await applyAs(s, a, { id: entityId(a.address), name: "Renamed", profile: profileHash("v3") });
    const client = await clientOf(s);
    expect(await memberView(client, a.address)).to.include({
      name: "Renamed",
      status: "Applicant",
      profileHash: profileHash("v3"),
    });
    await s.membership.connect(a).cancelApplication();
    expect(await memberView(await clientOf(s), a.address)).to.include({
      name: "Renamed",
      status: "Expelled",
    });
  });

  it("statusAt from the events: was X an active member at time T (inclusive), checked against the chain", async function () {
    const s = await loadFixture(fixture);
    const [a] = s.others.slice(1);
    const tApplied = await blockTimeOf(applyAs(s, a));
    await time.increase(10);
    const tAdmitted = await blockTimeOf(s.membership.admit(a.address));
    await time.increase(10);
    const tSuspended = await blockTimeOf(s.membership.suspend(a.address, REASON));
    await time.increase(10);
    const tReinstated = await blockTimeOf(s.membership.reinstate(a.address));
    await time.increase(10);
    const tExpelled = await blockTimeOf(s.membership.expel(a.address, REASON));
    const client = await clientOf(s);
    const at = (t: number) => memberStatusAt(client, a.address, t);
    expect(await at(tApplied - 1)).to.equal("None");
    expect(await at(tApplied)).to.equal("Applicant");
    expect(await at(tAdmitted - 1)).to.equal("Applicant");
    expect(await at(tAdmitted)).to.equal("Active");
    expect(await at(tSuspended - 1)).to.equal("Active");
    expect(await at(tSuspended)).to.equal("Suspended");
    expect(await at(tReinstated)).to.equal("Active");
    expect(await at(tExpelled - 1)).to.equal("Active");
    expect(await at(tExpelled)).to.equal("Expelled");
    expect(await at(tExpelled + 1000)).to.equal("Expelled");
    expect(await memberStatusAt(client, s.stranger.address, tExpelled)).to.equal("None");
  });

  it("reports a node that hides or alters a member's status event instead of showing a wrong record", async function () {
    const s = await loadFixture(fixture);
    const a = s.applicant;
    await s.membership.suspend(a.address, REASON);
    const suspendedTopic = s.membership.interface.getEvent("MemberSuspended").topicHash;
    const admittedTopic = s.membership.interface.getEvent("MemberAdmitted").topicHash;
    const mine = (l: RpcLog) => l.topics[1] === zeroPadValue(a.address, 32).toLowerCase();
    const hiding = await clientOf(s, (logs) =>
      logs.filter((l) => !(mine(l) && l.topics[0] === suspendedTopic)),
    );
    const altering = await clientOf(s, (logs) =>
      logs.map((l) =>
        mine(l) && l.topics[0] === suspendedTopic
          ? { ...l, topics: [admittedTopic, ...l.topics.slice(1)] }
          : l,
      ),
    );
    for (const client of [hiding, altering]) {
      const refused = await memberView(client, a.address).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).to.be.instanceOf(CovenantError);
      expect((refused as CovenantError).message).to.match(
        /events for 0x[0-9a-fA-F]{40} lead to Active, but the chain stores Suspended .*incomplete or altered/,
      );
      await expect(listMembers(client)).to.be.rejectedWith(/incomplete or altered/);
      await expect(memberStatusAt(client, a.address, 0)).to.be.rejectedWith(/incomplete or altered/);
    }
    expect((await memberView(await clientOf(s), a.address)).status).to.equal("Suspended");
    // An application whose kind was rewritten (ResearchInstitute -> Enterprise) is refused too.
    const appliedTopic = s.membership.interface.getEvent("MemberApplied").topicHash;
    const rekinded = await clientOf(s, (logs) =>
      logs.map((l) =>
        mine(l) && l.topics[0] === appliedTopic
          ? { ...l, data: "0x" + "0".repeat(64) + l.data.slice(66) }
          : l,
      ),
    );
    await expect(memberView(rekinded, a.address)).to.be.rejectedWith(
      /MemberApplied events for 0x[0-9a-fA-F]{40} name another entity id or kind than the chain stores/,
    );
  });
});
