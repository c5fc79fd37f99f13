// The provisioning saga's fault matrix (npm run test:faults): every ARM and Key Vault call it makes (its first
// certificates included: the rotation's calls) × {429 without Retry-After, 500, dropped connection, 409, LRO Failed},
// each fault persisting for the whole run, plus a crash (kill -9 and restart) as the saga enters each of its steps.
// Prints the matrix; fails if a saga never ends, duplicates anything, or leaves something it does not report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../support/localWorld.js";
import { caNameOf } from "../support/testIds.js";
import { formatMatrix, violations, type Cell } from "./support/matrix.js";
import { coveredBy, FAULT_KINDS, faultRule, PROVISIONING_OPERATIONS, ROTATION_OPERATIONS } from "./support/operations.js";
import { MATRIX_ENV, ProvisioningCells } from "./support/provisioningCells.js";

const STEPS = ["preflight", "createCluster", "createPrivateEndpoint", "awaitApproval", "readEndpointIp", "createDatacenter", "awaitNodes", "firstCertificates",
  "done"];
const OPERATIONS = [...PROVISIONING_OPERATIONS, ...ROTATION_OPERATIONS.filter((op) => !PROVISIONING_OPERATIONS.some((p) => p.name === op.name))];

/** Cells with an open defect (outside this matrix's reach to fix), printed with the matrix; see docs/security.md. */
const KNOWN: Record<string, string> = {};

let world: LocalWorld;
let cells: ProvisioningCells;
const results: Cell[] = [];
beforeAll(async () => {
  // Production-like polls and a ten-minute bound on each Azure operation: a persistent fault ends each wait in 20 polls.
  world = await startLocalWorld({ env: MATRIX_ENV, runtime: { onProgress: (event) => cells?.onProgress(event) } });
  cells = new ProvisioningCells(world);
});
afterAll(async () => {
  console.log(formatMatrix("provisioning saga × faults", results, [...FAULT_KINDS, "crash"], KNOWN));
  await world.dispose();
});

describe("the provisioning saga's fault matrix", () => {
  it("sends no call the matrix does not cover, in a fault-free run", async () => {
    const before = world.emulator.requests().requests.length;
    const baseline = await cells.run({ row: "(no fault)", column: "crash" });
    expect(baseline.state).toBe("Completed");
    const sent = world.emulator.requests().requests.slice(before).filter((r) => r.userAgent?.startsWith("cassandra-vpn-automation"));
    const uncovered = sent.filter((r) => !coveredBy(OPERATIONS, baseline.cluster!, r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect([...new Set(uncovered)]).toEqual([]);
  });

  it("every call × every fault ends Completed or Compensated, or names what it left", async () => {
    const compensationTrigger = (
      c: string,
    ) => [{ match: { method: "POST", pathPattern: `^/certificates/${caNameOf(c)}/create$` },
      response: { status: 400, body: { error: { code: "BadParameter", message: "trigger compensation" } } } }];
    for (const op of OPERATIONS) {
      for (const kind of FAULT_KINDS.filter((k) => k !== "lroFailed" || op.lro)) {
        results.push(await cells.run({
          row: op.name,
          column: kind,
          faults: (c) => [...(op.compensation ? compensationTrigger(c) : []), faultRule(kind, op, c)],
        }));
      }
    }
    expect(violations(results, KNOWN)).toEqual([]);
  }, 900_000);

  it("a crash as the saga enters any step resumes to one of each resource", async () => {
    const crashes: Cell[] = [];
    for (const step of STEPS) crashes.push(await cells.run({ row: `crash entering ${step}`, column: "crash", crashAt: step }));
    results.push(...crashes);
    expect(crashes.map((c) => `${c.row}: ${c.state}`)).toEqual(STEPS.map((s) => `crash entering ${s}: Completed`));
    expect(violations(crashes)).toEqual([]);
  }, 300_000);
});
