/**
 * Pulumi mocks that stand in for AWS when a program runs offline: inputs are echoed back (so
 * outputs resolve), plus synthetic ids and ARNs. What differs from a real preview is said in
 * SYNTHETIC_NOTE and printed with every `check` report.
 */
import * as path from "path";
import * as url from "url";
import type * as pulumi from "@pulumi/pulumi";

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "us-east-1";

export const SYNTHETIC_NOTE =
  "Offline check: resources were registered under Pulumi's mock runtime, not a real preview. Ids, ARNs and " +
  `the account (${MOCK_ACCOUNT}, ${MOCK_REGION}) are synthetic; provider defaults and provider-side validation ` +
  "did not run; data-source lookups return placeholders. Values a real preview would not know yet are known here.";

export interface RecordedResource {
  type: string;
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  parent?: string;
  /** The line of the user's program that created it (for a component's child: the line that created the component). */
  source?: { file: string; line: number; column?: number };
}

/** The URN the engine gives: the parent's qualified type chain, then the type (top-level: the type alone). */
export function engineUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  const parentType = parentUrn ? parentUrn.split("::")[2] : undefined;
  const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

interface SourcePositionMsg {
  getUri(): string;
  getLine(): number;
  getColumn(): number;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getSourceposition(): SourcePositionMsg | undefined;
  getStacktrace(): { getFramesList(): Array<{ getPc(): SourcePositionMsg | undefined }> } | undefined;
}
interface RegisterResponse {
  getUrn(): string;
  setUrn(urn: string): void;
}
type Callback = (err: unknown, res?: RegisterResponse) => void;
export interface MonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
}

/** The first frame of the registration's stack inside the program (not a library): the line a reviewer looks for. */
export function programFrame(req: RegisterRequest, programDir: string): RecordedResource["source"] {
  const root = path.resolve(programDir) + path.sep;
  const frames = (req.getStacktrace()?.getFramesList() ?? []).map((f) => f.getPc()).filter((p): p is SourcePositionMsg => !!p);
  const pos = [...frames, ...(req.getSourceposition() ? [req.getSourceposition()!] : [])];
  for (const p of pos) {
    let file: string;
    try {
      file = url.fileURLToPath(p.getUri());
    } catch {
      continue;
    }
    if (file.startsWith(root) && !file.slice(root.length).split(path.sep).includes("node_modules")) return { file, line: p.getLine(), column: p.getColumn() || undefined };
  }
  return undefined;
}

/**
 * Completes what the mocks record with what only the registration request carries: the parent,
 * the URN the engine would give (parent type chain included, so a waiver written from `check`
 * matches a real preview) and the source line in the user's program.
 */
export function recordRegistrations(monitor: MonitorLike, recorded: RecordedResource[], programDir: string, project: string, stack: string): void {
  const original = monitor.registerResource.bind(monitor);
  const done = new WeakSet<RecordedResource>();
  monitor.registerResource = (req: RegisterRequest, callback: Callback) =>
    original(req, (err, res) => {
      if (!err && res) {
        const rec = [...recorded].reverse().find((r) => !done.has(r) && r.type === req.getType() && r.name === req.getName());
        if (rec) {
          done.add(rec);
          rec.parent = req.getParent() || undefined;
          rec.urn = engineUrn(stack, project, rec.parent, rec.type, rec.name);
          rec.source = programFrame(req, programDir);
          res.setUrn(rec.urn);
        }
      }
      callback(err, res);
    });
}

/** IAM-style physical name for mocks: explicit `name` input, else `<logical>-<suffix>` like auto-naming. */
function physicalName(args: pulumi.runtime.MockResourceArgs): string {
  const n = args.inputs?.name;
  return typeof n === "string" && n ? n : `${args.name}-0a1b2c3`;
}

const ARN_BUILDERS: Record<string, (name: string) => string> = {
  "aws:iam/role:Role": (n) => `arn:aws:iam::${MOCK_ACCOUNT}:role/${n}`,
  "aws:iam/user:User": (n) => `arn:aws:iam::${MOCK_ACCOUNT}:user/${n}`,
  "aws:iam/group:Group": (n) => `arn:aws:iam::${MOCK_ACCOUNT}:group/${n}`,
  "aws:iam/policy:Policy": (n) => `arn:aws:iam::${MOCK_ACCOUNT}:policy/${n}`,
  "aws:secretsmanager/secret:Secret": (n) => `arn:aws:secretsmanager:${MOCK_REGION}:${MOCK_ACCOUNT}:secret:${n}-AbCdEf`,
  "aws:kms/key:Key": (n) => `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT}:key/${n}`,
  "aws:lambda/function:Function": (n) => `arn:aws:lambda:${MOCK_REGION}:${MOCK_ACCOUNT}:function:${n}`,
  "aws:cloudwatch/logGroup:LogGroup": (n) => `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT}:log-group:${n}`,
  "aws:s3/bucket:Bucket": (n) => `arn:aws:s3:::${n}`,
  "aws:s3/bucketV2:BucketV2": (n) => `arn:aws:s3:::${n}`,
};

export function mockState(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
  const name = physicalName(args);
  const state: Record<string, unknown> = { ...args.inputs };
  if (args.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider") {
    const url = String(args.inputs?.url ?? "https://issuer.example.com").replace(/^https:\/\//, "");
    state.arn = `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${url}`;
  } else {
    const build = ARN_BUILDERS[args.type];
    const [pkg, mod] = args.type.split(":");
    const service = (mod ?? "").split("/")[0];
    state.arn ??= build ? build(name) : `arn:aws:${service || pkg}:${MOCK_REGION}:${MOCK_ACCOUNT}:${name}`;
  }
  if (["aws:iam/role:Role", "aws:iam/user:User", "aws:iam/group:Group", "aws:iam/policy:Policy"].includes(args.type)) state.name ??= name;
  if (args.type === "aws:iam/role:Role") state.uniqueId ??= "AROAMOCKMOCKMOCKMOCK";
  // As in AWS: IAM principals are identified by name, secrets by their ARN.
  const id = args.type === "aws:iam/role:Role" || args.type === "aws:iam/user:User" || args.type === "aws:iam/group:Group" ? name : args.type === "aws:secretsmanager/secret:Secret" ? String(state.arn) : `${name}-id`;
  return { id, state };
}

/** Answers for the data sources AI-path programs typically call. */
export function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/mock`, userId: "AIDAMOCK", id: MOCK_ACCOUNT };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    case "aws:index/getRegion:getRegion":
      return { name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION };
    default:
      return { ...args.inputs };
  }
}

/** Mocks that record every registered resource into `into` (inputs as given, outputs as the mock state). */
export function recordingMocks(project: string, stack: string, into: RecordedResource[]): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      const { id, state } = mockState(args);
      into.push({ type: args.type, name: args.name, urn: `urn:pulumi:${stack}::${project}::${args.type}::${args.name}`, inputs: args.inputs ?? {}, outputs: state });
      return { id, state };
    },
    call: (args) => mockCall(args),
  };
}

/** Waits until the runtime's registration queue drains (outputs resolve asynchronously). */
export async function settleRegistrations(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings");
  for (let i = 0; i < 3; i++) {
    await settings.waitForRPCs?.();
    await new Promise((r) => setTimeout(r, 10));
  }
}
