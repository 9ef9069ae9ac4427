/** The AiAccessPolicy component: the pure builder's document as an inline role policy or a managed policy. */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, who } from "../common/errors";
import { awsContext, type AwsContextArgs } from "../common/context";
import { known, resolved } from "../common/inputs";
import { buildAiAccessPolicy, type BuiltAiAccessPolicy as BuiltPolicy, type AiAccessSpec, type AiGrant } from "./policy";

export interface AiAccessPolicyArgs extends AwsContextArgs {
  /** What may be reached. Empty lists add no statement; an entirely empty spec is refused. */
  readonly access: AiAccessSpecInput;
  /** Role name to attach the policy to (inline `RolePolicy`). Without it a managed `Policy` is created. */
  readonly role?: pulumi.Input<string>;
  /** Name of the managed policy when no role is given. @default auto-named */
  readonly policyName?: pulumi.Input<string>;
  /** Tags for the managed policy (owner/purpose recommended). */
  readonly tags?: Record<string, pulumi.Input<string>>;
}

/** Every field of AiAccessSpec, with Inputs allowed inside. */
export type AiAccessSpecInput = { readonly [K in keyof AiAccessSpec]?: DeepInput<AiAccessSpec[K]> };
type DeepInput<T> = T extends string | number | boolean | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? readonly DeepInput<U>[]
    : { readonly [K in keyof T]: DeepInput<T[K]> };

/** Checks a spec up front when it holds no Outputs (in a neutral context), so mistakes fail before registration. */
export function checkSpecIfKnown(subject: string, access: AiAccessSpecInput, ctx: AwsContextArgs): void {
  if (containsOutputs(access)) return;
  // Unknown partition/region: inferred from the regions the spec names (a mix is an error anyway).
  const region0 = known(ctx.region) ?? anyRegion(access as AiAccessSpec);
  const partition = known(ctx.partition) ?? partitionOfRegion(region0 ?? "us-east-1");
  const region = region0 ?? (partition === "aws-cn" ? "cn-north-1" : partition === "aws-us-gov" ? "us-gov-west-1" : "us-east-1");
  const built = buildAiAccessPolicy(subject, access as AiAccessSpec, { partition, accountId: known(ctx.accountId) ?? "000000000000", region });
  if (built.document.Statement.length === 0) emptyFail(subject);
}

function partitionOfRegion(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** Any region the spec names (in an ARN or a `region` field), to infer the partition from. */
function anyRegion(spec: unknown): string | undefined {
  const text = JSON.stringify(spec);
  const m = /"region":"([a-z0-9-]+)"|arn:[^:"]+:[^:"]+:([a-z]{2}(?:-gov)?-[a-z]+-\d):|"routesTo":\["([a-z0-9-]+)"|"requestedRegions":\["([a-z0-9-]+)"/.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
}

function emptyFail(subject: string): never {
  fail(subject, "access names no AI resource, so there is nothing to grant; name foundationModels, inferenceProfiles, agentAliases, knowledgeBases, sagemakerEndpoints, agentcoreRuntimes or opensearchCollections (an empty list never means `*`)");
}

function containsOutputs(v: unknown): boolean {
  if (pulumi.Output.isInstance(v) || v instanceof Promise) return true;
  if (Array.isArray(v)) return v.some(containsOutputs);
  if (v && typeof v === "object") return Object.values(v).some(containsOutputs);
  return false;
}

export class AiAccessPolicy extends pulumi.ComponentResource {
  /** The policy document as a JSON string. */
  public readonly policyJson: pulumi.Output<string>;
  /** What is granted, grouped by resource kind. */
  public readonly grants: pulumi.Output<AiGrant[]>;
  /** `arn:…:guardrail/<id>:<version>` if a guardrail is enforced. */
  public readonly guardrailIdentifier: pulumi.Output<string | undefined>;
  /** True when the policy lets the holder invoke a model. */
  public readonly built: pulumi.Output<BuiltPolicy>;
  public readonly rolePolicy?: aws.iam.RolePolicy;
  public readonly policy?: aws.iam.Policy;

  constructor(name: string, args: AiAccessPolicyArgs, opts?: pulumi.ComponentResourceOptions, type = "ai-access-guard:access:AiAccessPolicy", component = "AiAccessPolicy", transform?: (b: BuiltPolicy) => BuiltPolicy) {
    super(type, name, {}, opts);
    const s = who(component, name);
    if (!args.access) fail(s, "give access: the AI resources the policy grants");
    checkSpecIfKnown(s, args.access, args);
    const ctx = awsContext(this, args);
    this.built = pulumi.all([resolved(args.access), ctx.partition, ctx.accountId, ctx.region]).apply(([access, partition, accountId, region]) => {
      const b = buildAiAccessPolicy(s, access as AiAccessSpec, { partition, accountId, region });
      if (b.document.Statement.length === 0) emptyFail(s);
      return transform ? transform(b) : b;
    });
    this.policyJson = this.built.apply((b) => JSON.stringify(b.document));
    this.grants = this.built.apply((b) => b.grants);
    this.guardrailIdentifier = this.built.apply((b) => b.guardrailIdentifier);
    if (args.role !== undefined) {
      if (args.policyName !== undefined) fail(s, "policyName names a managed policy, but role is given (the policy is attached inline); give one of them");
      this.rolePolicy = new aws.iam.RolePolicy(`${name}-policy`, { role: args.role, policy: this.policyJson }, { parent: this });
    } else {
      this.policy = new aws.iam.Policy(`${name}-policy`, { name: args.policyName, description: "AI access on named resources (ai-access-guard)", policy: this.policyJson, tags: args.tags }, { parent: this });
    }
    this.registerOutputs({ policyJson: this.policyJson, grants: this.grants, guardrailIdentifier: this.guardrailIdentifier });
  }
}
