/**
 * A STAND-IN for the AWS provider plugin, for the real-engine tests only: the real one cannot be
 * downloaded here and would need an AWS account. It is a Pulumi resource provider speaking the real
 * provider protocol (served by @pulumi/pulumi/provider), so the real CLI plans, previews, "creates"
 * and exports exactly as it would; but nothing reaches AWS: Check echoes the inputs (plus an auto-name,
 * as the real provider gives one), Create fabricates an id and an ARN in account 123456789012.
 * It knows only the resource types the test programs use (its schema says so).
 */
import { createHash } from "crypto";
import * as provider from "@pulumi/pulumi/provider";

export const ACCOUNT = "123456789012";
export const VERSION = process.env.AAG_STAND_IN_AWS_VERSION ?? "7.48.0";

interface TypeSpec {
  readonly inputs: readonly string[];
  readonly outputs?: readonly string[];
  /** Output properties the engine must treat as secret. */
  readonly secrets?: readonly string[];
  /** A property the real provider auto-names when it is omitted. */
  readonly autoName?: string;
  arn?(name: string, inputs: Record<string, unknown>, id: string): string;
  id?(name: string, inputs: Record<string, unknown>): string;
}

const iam = (kind: string) => (name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

export const TYPES: Record<string, TypeSpec> = {
  "aws:iam/user:User": { inputs: ["name", "path", "permissionsBoundary", "tags"], outputs: ["arn", "uniqueId"], autoName: "name", arn: iam("user") },
  "aws:iam/accessKey:AccessKey": { inputs: ["user", "status", "pgpKey"], outputs: ["secret", "sesSmtpPasswordV4"], secrets: ["secret", "sesSmtpPasswordV4"] },
  "aws:iam/userPolicy:UserPolicy": { inputs: ["user", "policy", "name"], autoName: "name", id: (n, i) => `${i.user}:${n}` },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
    inputs: ["url", "clientIdLists", "thumbprintLists", "tags"],
    outputs: ["arn"],
    arn: (_n, i) => iam("oidc-provider")(String(i.url ?? "").replace(/^https:\/\//, "")),
  },
  "aws:iam/role:Role": { inputs: ["name", "assumeRolePolicy", "description", "maxSessionDuration", "permissionsBoundary", "managedPolicyArns", "inlinePolicies", "path", "tags"], outputs: ["arn", "uniqueId"], autoName: "name", arn: iam("role") },
  "aws:iam/rolePolicy:RolePolicy": { inputs: ["role", "policy", "name"], autoName: "name", id: (n, i) => `${i.role}:${n}` },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { inputs: ["role", "policyArn"], id: (n, i) => `${i.role}-${n}` },
  "aws:secretsmanager/secret:Secret": {
    inputs: ["name", "description", "kmsKeyId", "recoveryWindowInDays", "tags"],
    outputs: ["arn"],
    autoName: "name",
    arn: (n) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${n}-${hex(n, 6)}`,
  },
  "aws:kms/key:Key": { inputs: ["description", "policy", "enableKeyRotation", "deletionWindowInDays", "tags"], outputs: ["arn", "keyId"], id: (n) => uuidLike(n), arn: (_n, _i, id) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}` },
  "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration": { inputs: ["loggingConfig", "region"] },
  "aws:cloudwatch/logGroup:LogGroup": { inputs: ["name", "retentionInDays", "kmsKeyId", "tags"], outputs: ["arn"], autoName: "name", arn: (n) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${n}` },
};

function uuidLike(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function hex(seed: string, n: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, n);
}

/** The package schema: every property typed Any, which is all a stand-in can honestly claim. */
export function schema(): string {
  const any = { $ref: "pulumi.json#/Any" };
  const resources: Record<string, unknown> = {};
  for (const [token, t] of Object.entries(TYPES)) {
    const props = Object.fromEntries([...t.inputs, ...(t.outputs ?? [])].map((p) => [p, t.secrets?.includes(p) ? { ...any, secret: true } : any]));
    resources[token] = { description: "stand-in", properties: props, inputProperties: Object.fromEntries(t.inputs.map((p) => [p, any])) };
  }
  return JSON.stringify({ name: "aws", version: VERSION, resources, config: {}, provider: { inputProperties: { region: any } } });
}

const typeOf = (urn: string) => urn.split("::")[2]?.split("$").pop() ?? "";
const nameOf = (urn: string) => urn.split("::")[3] ?? "";

const standIn: provider.Provider = {
  version: VERSION,
  getSchema: async () => schema(),
  async check(urn, _olds, news) {
    const t = TYPES[typeOf(urn)];
    if (!t) return { failures: [{ property: "", reason: `the stand-in AWS provider does not know ${typeOf(urn)}` }] };
    const inputs = { ...news };
    // Like the real provider: an omitted name becomes the logical name plus a suffix (stable here).
    if (t.autoName && inputs[t.autoName] === undefined) inputs[t.autoName] = `${nameOf(urn)}-${hex(urn, 7)}`;
    return { inputs };
  },
  async diff(_id, _urn, olds, news) {
    const changes = JSON.stringify(olds) !== JSON.stringify({ ...olds, ...news });
    return { changes };
  },
  async create(urn, inputs) {
    const t = TYPES[typeOf(urn)];
    const name = String(inputs[t?.autoName ?? "name"] ?? nameOf(urn));
    const id = t?.id ? t.id(name, inputs) : typeOf(urn) === "aws:iam/accessKey:AccessKey" ? `AKIA${hex(urn, 16).toUpperCase()}` : name;
    const outs: Record<string, unknown> = { ...inputs };
    if (t?.arn) outs.arn = t.arn(name, inputs, id);
    if (t?.outputs?.includes("keyId")) outs.keyId = id;
    if (t?.outputs?.includes("uniqueId")) outs.uniqueId = `AID${hex(urn, 17).toUpperCase()}`;
    if (t?.outputs?.includes("secret")) outs.secret = `fabricated-${hex(urn + "secret", 32)}`;
    return { id, outs };
  },
  async update(_id, _urn, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

provider.main(standIn, process.argv.slice(2)).catch((e) => {
  process.stderr.write(`stand-in aws provider: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
