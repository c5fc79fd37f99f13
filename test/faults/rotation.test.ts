// The certificate rotation saga's fault matrix (npm run test:faults): a CA rotation of a provisioned cluster (new CA
// trusted next to the old one, client re-issued, verified, promoted, old CA retired after its grace) with every ARM
// and Key Vault call it makes × {429 without Retry-After, 500, dropped connection, 409, LRO Failed}, each fault
// persisting for the whole run, plus a crash (kill -9 and restart) as the rotation enters each of its steps.
// Prints the matrix; fails if a rotation never ends, duplicates a version, or breaks the invariant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../support/localWorld.js";
import { formatMatrix, violations, type Cell } from "./support/matrix.js";
import { coveredBy, FAULT_KINDS, faultRule, ROTATION_OPERATIONS } from "./support/operations.js";
import { MATRIX_ENV } from "./support/provisioningCells.js";
import { RotationCells } from "./support/rotationCells.js";

const STEPS = ["decide", "createCa", "trustNewCa", "issueClients", "verify", "promote", "retireOldCa", "verifyAfterRetire", "done"];

/**
 * Cells with an open defect (outside this matrix's reach to fix), printed with the matrix; see docs/security.md. None
 * now: "GET cluster operation × 409" was one until a write ARM accepted stopped failing on the SDK's poll of its
 * operation (src/adapters/acceptedWrites.ts) and a trust write met by 409 began waiting and writing again (version 4).
 */
const KNOWN: Record<string, string> = {};

let world: LocalWorld;
let cells: RotationCells;
const results: Cell[] = [];
beforeAll(async () => {
  world = await startLocalWorld({ env: MATRIX_ENV, runtime: { onProgress: (event) => cells?.onProgress(event) } });
  cells = new RotationCells(world);
});
afterAll(async () => {
  console.log(formatMatrix("rotation saga (CA rotation) × faults", results, [...FAULT_KINDS, "crash"], KNOWN));
  await world.dispose();
});

describe("the rotation saga's fault matrix", () => {
  it("sends no call the matrix does not cover, in a fault-free run", async () => {
    const baseline = await cells.run({ row: "(no fault)", column: "crash" });
    const before = world.emulator.requests().requests.length;
    const again = await cells.run({ row: "(no fault)", column: "crash" });
    expect([baseline.state, again.state]).toEqual(["Completed", "Completed"]);
    const sent = world.emulator.requests().requests.slice(before).filter((r) => r.userAgent?.startsWith("cassandra-vpn-automation"));
    expect([...new Set(sent.filter((r) => !coveredBy(ROTATION_OPERATIONS, again.cluster!, r.method, r.path)).map((r) => `${r.method} ${r.path}`))]).toEqual([]);
  });

  it("every call × every fault ends Completed or RolledBack with the invariant intact", async () => {
    for (const op of ROTATION_OPERATIONS) {
      for (const kind of FAULT_KINDS.filter((k) => k !== "lroFailed" || op.lro)) {
        results.push(await cells.run({ row: op.name, column: kind, faults: (c) => [faultRule(kind, op, c)] }));
      }
    }
    expect(violations(results, KNOWN)).toEqual([]);
  }, 900_000);

  it("a crash as the rotation enters any step resumes and ends as an uninterrupted one would", async () => {
    const crashes: Cell[] = [];
    for (const step of STEPS) crashes.push(await cells.run({ row: `crash entering ${step}`, column: "crash", crashAt: step }));
    results.push(...crashes);
    expect(crashes.map((c) => `${c.row}: ${c.state}`)).toEqual(STEPS.map((s) => `crash entering ${s}: Completed`));
    expect(violations(crashes)).toEqual([]);
  }, 300_000);
});
