/**
 * AiOrgGuardrails: the organisation's AI guardrails, created in the management (or delegated
 * administrator) account and attached to the roots, OUs or accounts given. A service control
 * policy, a resource control policy, and (optionally) the Bedrock policy that enforces one
 * guardrail version on every model call.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, quote, who } from "../common/errors";
import { checkOwned, withOwnership, type OwnedArgs } from "../common/inputs";
import { aiResourceControlPolicy, aiServiceControlPolicy, bedrockGuardrailOrgPolicy, checkOrgPolicySize, guardrailOrgResourcePolicy, type EnforcedGuardrailSpec } from "./documents";

export interface AiOrgGuardrailsArgs extends OwnedArgs {
  /** Root (`r-…`), OU (`ou-…`) or account ids the policies are attached to. At least one. */
  readonly targets: readonly string[];
  /** Organisation id (`o-…`), for the resource control policy's perimeter and the guardrail policy. */
  readonly organizationId: string;
  /** Model ids the organisation may invoke; every other model is denied. */
  readonly approvedModels: readonly string[];
  /** Roles (by name, in any account) that run the platform pipeline: only they change logging and purpose tags. */
  readonly platformRoleNames: readonly string[];
  /** Allow short-term Bedrock API keys (bearer tokens of at most 12 hours). @default false (all bearer tokens denied) */
  readonly allowShortTermBearerTokens?: boolean;
  /** Enforce one guardrail version on every model call of the organisation (BEDROCK_POLICY). @default none */
  readonly enforcedGuardrail?: EnforcedGuardrailSpec;
  /** Accounts outside the organisation the RCP still lets in (e.g. a vendor's role). @default none */
  readonly trustedExternalAccounts?: readonly string[];
  /** Create the resource control policy. @default true */
  readonly resourceControlPolicy?: boolean;
  /** AWS partition. @default "aws" */
  readonly partition?: "aws" | "aws-cn" | "aws-us-gov";
}

export class AiOrgGuardrails extends pulumi.ComponentResource {
  public readonly serviceControlPolicy: aws.organizations.Policy;
  public readonly resourceControlPolicy?: aws.organizations.Policy;
  public readonly bedrockPolicy?: aws.organizations.Policy;
  public readonly scpJson: string;
  public readonly rcpJson?: string;
  public readonly bedrockPolicyJson?: string;
  /** Resource policy the enforced guardrail needs (no @pulumi/aws resource exists for it: apply it yourself). */
  public readonly guardrailResourcePolicyJson?: string;

  constructor(name: string, args: AiOrgGuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:org:AiOrgGuardrails", name, {}, opts);
    const s = who("AiOrgGuardrails", name);
    checkOwned(s, args);
    if (!args.targets || args.targets.length === 0) fail(s, "give targets: the root, OU or account ids the guardrails apply to (a policy attached nowhere guards nothing)");
    for (const t of args.targets) if (!/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/.test(t)) fail(s, `targets value ${quote(t)} is not a root (r-…), OU (ou-…-…) or account id`);
    if (!/^o-[a-z0-9]{10,32}$/.test(args.organizationId ?? "")) fail(s, `organizationId ${quote(String(args.organizationId))} is not an organisation id (o-…)`);
    const partition = args.partition ?? "aws";
    const tags = withOwnership(args.tags, args.owner, args.purpose);
    const o = { parent: this };

    this.scpJson = checkOrgPolicySize(s, "the service control policy", JSON.stringify(aiServiceControlPolicy(s, { partition, approvedModels: args.approvedModels, platformRoleNames: args.platformRoleNames, allowShortTermBearerTokens: args.allowShortTermBearerTokens })));
    const policies: Array<[string, aws.organizations.Policy]> = [];
    this.serviceControlPolicy = new aws.organizations.Policy(`${name}-scp`, { name: `${name}-ai-guardrails`, description: "AI access guardrails: no long-term Bedrock keys, approved models only, logging and purpose tags owned by the platform (ai-access-guard)", type: "SERVICE_CONTROL_POLICY", content: this.scpJson, tags }, o);
    policies.push(["scp", this.serviceControlPolicy]);
    if (args.resourceControlPolicy ?? true) {
      this.rcpJson = checkOrgPolicySize(s, "the resource control policy", JSON.stringify(aiResourceControlPolicy(s, { organizationId: args.organizationId, trustedExternalAccounts: args.trustedExternalAccounts })));
      this.resourceControlPolicy = new aws.organizations.Policy(`${name}-rcp`, { name: `${name}-ai-perimeter`, description: "AI access perimeter: callers from the organisation only, session tags only from EKS (ai-access-guard)", type: "RESOURCE_CONTROL_POLICY", content: this.rcpJson, tags }, o);
      policies.push(["rcp", this.resourceControlPolicy]);
    }
    if (args.enforcedGuardrail) {
      this.bedrockPolicyJson = JSON.stringify(bedrockGuardrailOrgPolicy(s, args.enforcedGuardrail));
      this.guardrailResourcePolicyJson = JSON.stringify(guardrailOrgResourcePolicy(args.enforcedGuardrail.guardrailArn, args.organizationId));
      this.bedrockPolicy = new aws.organizations.Policy(`${name}-bedrock-policy`, { name: `${name}-enforced-guardrail`, description: "Every model call applies the organisation's guardrail version (ai-access-guard)", type: "BEDROCK_POLICY", content: this.bedrockPolicyJson, tags }, o);
      policies.push(["bedrock-policy", this.bedrockPolicy]);
    }
    for (const [kind, policy] of policies) {
      args.targets.forEach((target, i) => new aws.organizations.PolicyAttachment(`${name}-${kind}-attachment-${i}`, { policyId: policy.id, targetId: target }, o));
    }
    this.registerOutputs({ scpJson: this.scpJson, rcpJson: this.rcpJson, bedrockPolicyJson: this.bedrockPolicyJson, guardrailResourcePolicyJson: this.guardrailResourcePolicyJson });
  }
}
