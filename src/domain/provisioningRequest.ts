// The body of POST /api/provisionings, validated at the edge. Strict objects: an unknown field is a
// typo or a secret that must not be there (the admin password is only ever a Key Vault secret name).
import { z } from "zod";
import { isoDurationToMs } from "./duration.js";
import { isIpv4 } from "./ipv4.js";
import { parseSubnetId } from "./resourceId.js";
import { cassandraName, clientName, keyVaultName, location, networkName, resourceGroupName, subscriptionId } from "./azureNames.js";

const MAX_APPROVAL_DEADLINE_MS = 90 * 86_400_000;

// Naming rules: domain/azureNames.ts (one set for every route and trigger).
const subnetId = z.string().refine((v) => parseSubnetId(v) !== undefined, "must be a subnet resource id (/subscriptions/…/virtualNetworks/…/subnets/…)");
const ipv4 = z.string().refine(isIpv4, "must be an IPv4 address such as 10.0.3.10");
const deadline = z.string().refine((v) => {
  const ms = isoDurationToMs(v);
  return ms !== undefined && ms > 0 && ms <= MAX_APPROVAL_DEADLINE_MS;
}, "must be an ISO-8601 duration between PT1S and P90D, e.g. P7D");

export const ProvisioningRequestSchema = z.strictObject({
  subscriptionId: subscriptionId.optional(),
  resourceGroup: resourceGroupName,
  clusterName: cassandraName,
  location,
  adminPasswordSecretName: keyVaultName,
  cassandraVersion: z.string().regex(/^\d+\.\d+$/, "must look like 4.0").default("4.0"),
  privateEndpoint: z.strictObject({ subnetId, ipAddress: ipv4, name: networkName.optional() }),
  datacenter: z.strictObject({
    name: cassandraName,
    location: location.optional(),
    delegatedSubnetId: subnetId,
    nodeCount: z.number().int("must be a whole number").min(3, "must be at least 3").max(100, "must be at most 100"),
    sku: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be a VM size such as Standard_E8s_v5").optional(),
  }),
  approval: z.strictObject({ deadline: deadline.optional(), onTimeout: z.enum(["compensate", "keep"]).optional() }).optional(),
  clients: z.array(clientName).min(1).max(10)
    .refine((names) => new Set(names).size === names.length, "must not repeat a name").default(["app"]),
  // Every client certificate name fits Key Vault's 127 characters whatever the cluster name (certificateNames.ts).
});

export type ProvisioningRequestBody = z.output<typeof ProvisioningRequestSchema>;

export interface FieldProblem {
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Validates a parsed JSON body; problems name each offending field by its dotted path. */
export function parseProvisioningRequest(body: unknown): ParseResult<ProvisioningRequestBody> {
  const parsed = ProvisioningRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: toFieldProblems(parsed.error) };
}

export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // Unknown keys are reported one field each, by name only: their values are never echoed, nor a name that is not
    // an identifier (it is the caller's text: markup, line breaks).
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...at, /^[A-Za-z_$][\w$]{0,63}$/.test(key) ? key : "(unnamed)"].join("."), message: "is not a known field" }));
    }
    const message = issue.code === "invalid_type" && /received undefined$/.test(issue.message) ? "is required" : issue.message;
    return [{ field: at.join(".") || "(body)", message }];
  });
}
