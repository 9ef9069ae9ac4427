/**
 * PurposeBoundAccess: intent-based authorisation. Creates application inference profiles tagged
 * with the purpose (one per model), and a grant that lets a caller use them only when its purpose
 * (role tag, or an EKS Pod Identity session tag) equals the resource's `purpose` tag. A workload
 * attached to the grant by mistake, whose purpose differs, is refused by IAM.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, quote, who } from "../common/errors";
import { awsContext, type AwsContextArgs } from "../common/context";
import { checkOwnership } from "../common/ownership";
import { knownTags, known, type Tags } from "../common/inputs";
import type { GuardrailRef } from "../access/policy";
import { applicationProfileArn, checkPurpose, planProfile, principalTagKeyOf, purposeBoundPolicy, PURPOSE_RESOURCE_TAG, type ProfileSource, type PurposeSource } from "./documents";

export interface PurposeBoundAccessArgs extends AwsContextArgs {
  /** The intent (tag value `purpose` on every resource created). Required; a plain string. */
  readonly purpose: string;
  /** Tag `owner`. Required. */
  readonly owner: pulumi.Input<string>;
  /** Models to reach: one application inference profile, tagged with the purpose, is created per entry. @default none (then knowledgeBases is required) */
  readonly models?: ReadonlyArray<{ readonly name: string } & ProfileSource>;
  /** Knowledge bases already tagged `purpose=<purpose>` (ids in the default region). @default none */
  readonly knowledgeBases?: readonly string[];
  /** Bedrock agent aliases already tagged `purpose=<purpose>`. @default none */
  readonly agentAliases?: ReadonlyArray<{ readonly agentId: string; readonly aliasId: string }>;
  /** SageMaker endpoints (names) already tagged `purpose=<purpose>`. @default none */
  readonly sagemakerEndpoints?: readonly string[];
  /** Where the caller's purpose comes from. @default { kind: "role-tag" } (the role's own purpose tag) */
  readonly purposeFrom?: PurposeSource;
  /** Guardrail (numbered version) every model call must apply. @default none */
  readonly guardrail?: GuardrailRef;
  /** Names of roles that receive the grant (inline). @default none: a managed policy is created to attach yourself */
  readonly roles?: readonly pulumi.Input<string>[];
  /** More tags; `owner` and `purpose` are set from the fields above. @default none */
  readonly tags?: Tags;
}

export class PurposeBoundAccess extends pulumi.ComponentResource {
  public readonly profiles: aws.bedrock.InferenceProfile[] = [];
  public readonly profileArns: pulumi.Output<string[]>;
  public readonly policyJson: pulumi.Output<string>;
  public readonly policy?: aws.iam.Policy;
  public readonly rolePolicies: aws.iam.RolePolicy[] = [];

  constructor(name: string, args: PurposeBoundAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:access:PurposeBoundAccess", name, {}, opts);
    const s = who("PurposeBoundAccess", name);
    checkOwnership(s, known(args.owner) ?? (args.owner === undefined ? undefined : "?"), args.purpose, knownTags(args.tags));
    const purpose = checkPurpose(s, args.purpose);
    const key = principalTagKeyOf(s, args.purposeFrom ?? { kind: "role-tag" });
    const models = args.models ?? [];
    const kbs = args.knowledgeBases ?? [];
    const aliases = args.agentAliases ?? [];
    const endpoints = args.sagemakerEndpoints ?? [];
    if (models.length + kbs.length + aliases.length + endpoints.length === 0) fail(s, "give models, knowledgeBases, agentAliases or sagemakerEndpoints: a purpose with nothing to reach grants nothing");
    for (const [i, a] of aliases.entries()) if (!/^[A-Z0-9]{1,10}$/.test(a?.agentId ?? "") || !/^[A-Z0-9]{1,10}$/.test(a?.aliasId ?? "")) fail(s, `agentAliases[${i}] needs agentId and aliasId (upper-case letters and digits, up to 10)`);
    for (const [i, e] of endpoints.entries()) if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(e)) fail(s, `sagemakerEndpoints[${i}] ${quote(e)} is not an endpoint name`);
    const names = new Set<string>();
    for (const [i, m] of models.entries()) {
      if (!/^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/.test(m.name ?? "")) fail(s, `models[${i}].name ${quote(String(m.name))} must be 1-64 letters, digits, spaces, _ or -`);
      if (names.has(m.name)) fail(s, `models[${i}].name ${quote(m.name)} is given twice`);
      names.add(m.name);
      if ("foundationModel" in m === "systemProfile" in m) fail(s, `models[${i}]: give models[${i}].foundationModel or models[${i}].systemProfile, exactly one`);
    }
    for (const [i, kb] of kbs.entries()) if (!/^[A-Za-z0-9]{1,64}$/.test(kb)) fail(s, `knowledgeBases[${i}] ${quote(kb)} is not a knowledge base id`);
    if (args.guardrail && !/^(\d+)$/.test(args.guardrail.version)) fail(s, `guardrail.version ${quote(String(args.guardrail.version))} must be a version number (a DRAFT changes under the callers)`);
    const tags = { ...(args.tags ?? {}), owner: args.owner, [PURPOSE_RESOURCE_TAG]: purpose };
    const ctx = awsContext(this, args);
    const base = pulumi.all([ctx.partition, ctx.accountId, ctx.region]).apply(([partition, account, region]) => ({ partition, account, region }));
    // Checked up front (ids, regions, partition) with what is known now; again with the real context at deployment.
    models.forEach((m, i) => {
      const region = m.region ?? known(args.region) ?? "us-east-1";
      const partition = known(args.partition) ?? (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws");
      planProfile(s, `models[${i}]`, m, { partition, account: known(args.accountId) ?? "000000000000", region });
    });
    const planned = models.map((m, i) => ({ m, plan: base.apply((b) => planProfile(s, `models[${i}]`, m, b)) }));
    for (const { m, plan } of planned) {
      this.profiles.push(
        new aws.bedrock.InferenceProfile(
          `${name}-${m.name.replace(/\s+/g, "-").toLowerCase()}-profile`,
          { name: `${purpose}-${m.name}`.replace(/[^A-Za-z0-9 _-]/g, "-").slice(0, 64), description: `Model access for purpose ${purpose} (ai-access-guard)`, modelSource: { copyFrom: plan.copyFrom }, region: args.region, tags },
          { parent: this },
        ),
      );
    }
    this.profileArns = pulumi.all([base, pulumi.all(this.profiles.map((p) => pulumi.all([p.arn, p.id])))]).apply(([b, pairs]) =>
      pairs.map(([arn, id]) => (typeof arn === "string" && arn.includes(":application-inference-profile/") ? arn : applicationProfileArn(b, id))),
    );
    const guardrailIdentifier = args.guardrail
      ? base.apply((b) => (args.guardrail!.id.startsWith("arn:") ? args.guardrail!.id : `arn:${b.partition}:bedrock:${args.guardrail!.region ?? b.region}:${b.account}:guardrail/${args.guardrail!.id}`) + `:${args.guardrail!.version}`)
      : pulumi.output(undefined);
    this.policyJson = pulumi.all([base, this.profileArns, pulumi.all(planned.map((p) => p.plan)), guardrailIdentifier]).apply(([b, profileArns, plans, guardrail]) =>
      JSON.stringify(
        purposeBoundPolicy(s, {
          profileArns,
          routedModelArns: plans.flatMap((p) => p.routedModelArns),
          knowledgeBaseArns: kbs.map((kb) => `arn:${b.partition}:bedrock:${b.region}:${b.account}:knowledge-base/${kb}`),
          agentAliasArns: aliases.map((a) => `arn:${b.partition}:bedrock:${b.region}:${b.account}:agent-alias/${a.agentId}/${a.aliasId}`),
          sagemakerEndpointArns: endpoints.map((e) => `arn:${b.partition}:sagemaker:${b.region}:${b.account}:endpoint/${e.toLowerCase()}`),
          principalTagKey: key,
          guardrailIdentifier: guardrail,
        }),
      ),
    );
    if (args.roles && args.roles.length > 0) {
      args.roles.forEach((role, i) => this.rolePolicies.push(new aws.iam.RolePolicy(`${name}-policy-${i}`, { role, policy: this.policyJson }, { parent: this })));
    } else {
      this.policy = new aws.iam.Policy(`${name}-policy`, { description: `AI access for purpose ${purpose}: resources tagged with the caller's purpose only (ai-access-guard)`, policy: this.policyJson, tags }, { parent: this });
    }
    this.registerOutputs({ profileArns: this.profileArns, policyJson: this.policyJson });
  }
}
