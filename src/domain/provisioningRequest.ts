// The body of POST /api/provisionings, validated at the edge. Strict objects: an unknown field is a
// typo or a secret that must not be there (the admin password is only ever a Key Vault secret name).
import { clientCertificateName, fitsKeyVault, KEY_VAULT_NAME_MAX } from "./certificateNames.js";
import { z } from "zod";
import { isoDurationToMs } from "./duration.js";
import { isIpv4 } from "./ipv4.js";
import { parseSubnetId } from "./resourceId.js";

const MAX_APPROVAL_DEADLINE_MS = 90 * 86_400_000;

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "must be a subscription GUID");
// Naming rules from managedCassandra.json (cluster, datacenter) and ARM/Network/Key Vault naming docs.
const cassandraName = z.string().max(100).regex(/^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/, "must be letters, digits and single hyphens");
const resourceGroup = z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, "must be a resource group name (1-90 of letters, digits, - _ . ( ), not ending in .)");
const location = z.string().regex(/^[A-Za-z][A-Za-z0-9 ]{1,49}$/, "must be an Azure region name such as eastus2");
const secretName = z.string().regex(/^[0-9a-zA-Z-]{1,127}$/, "must be a Key Vault secret name (letters, digits, hyphens)");
const networkName = z.string().regex(/^[a-zA-Z0-9]([\w.-]{0,78}\w)?$/, "must be a network resource name (1-80 characters)");
export const clientName = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/, "must be lower-case letters, digits and hyphens (1-32)");
const subnetId = z.string().refine((v) => parseSubnetId(v) !== undefined, "must be a subnet resource id (/subscriptions/…/virtualNetworks/…/subnets/…)");
const ipv4 = z.string().refine(isIpv4, "must be an IPv4 address such as 10.0.3.10");
const deadline = z.string().refine((v) => {
  const ms = isoDurationToMs(v);
  return ms !== undefined && ms > 0 && ms <= MAX_APPROVAL_DEADLINE_MS;
}, "must be an ISO-8601 duration between PT1S and P90D, e.g. P7D");

export const ProvisioningRequestSchema = z.strictObject({
  subscriptionId: guid.optional(),
  resourceGroup,
  clusterName: cassandraName,
  location,
  adminPasswordSecretName: secretName,
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
}).superRefine((request, issues) => {
  // Each client certificate is a Key Vault certificate named after the cluster and the client (certificateNames.ts).
  const tooLong = request.clients.find((client) => !fitsKeyVault(clientCertificateName(request.clusterName, client)));
  if (tooLong !== undefined) {
    issues.addIssue({ code: "custom", path: ["clients"], message: `with this clusterName, client names must keep the Key Vault certificate name within ${KEY_VAULT_NAME_MAX} characters` });
  }
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
    // Unknown keys are reported one field each, by name only: their values are never echoed.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...at, key].join("."), message: "is not a known field" }));
    }
    const message = issue.code === "invalid_type" && /received undefined$/.test(issue.message) ? "is required" : issue.message;
    return [{ field: at.join(".") || "(body)", message }];
  });
}
