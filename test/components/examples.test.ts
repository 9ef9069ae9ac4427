/** The component examples, run offline under mocks and judged by the real pack: zero findings of any level. */
import * as path from "path";
import { describe, expect, it } from "vitest";
import { checkPrograms } from "../../cli/check/check";

const examples = path.resolve(__dirname, "..", "..", "examples");
const NAMES = ["github-actions-bedrock", "eks-agent-pod-identity", "rotated-openai-key"];

describe("component examples", () => {
  it("build the safe paths with zero findings", async () => {
    const results = await checkPrograms(NAMES.map((n) => path.join(examples, n)));
    const byName = Object.fromEntries(results.map((r) => [path.basename(r.program), r]));
    for (const n of NAMES) expect(byName[n].diagnostics.map((d) => `${d.enforcementLevel} ${d.message.split("\n")[0]}`), n).toEqual([]);

    const types = (n: string) => byName[n].run.resources.map((r) => r.type);
    expect(types("github-actions-bedrock")).toEqual(expect.arrayContaining(["aws:iam/openIdConnectProvider:OpenIdConnectProvider", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration"]));
    expect(types("eks-agent-pod-identity")).toEqual(expect.arrayContaining(["aws:eks/podIdentityAssociation:PodIdentityAssociation", "aws:iam/rolePolicy:RolePolicy"]));
    expect(types("rotated-openai-key")).toEqual(expect.arrayContaining(["aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretRotation:SecretRotation", "aws:secretsmanager/secretPolicy:SecretPolicy", "aws:kms/key:Key"]));

    const agentPolicy = byName["eks-agent-pod-identity"].run.resources.find((r) => r.name === "support-agent-access-policy")!;
    expect(JSON.parse(agentPolicy.inputs.policy as string).Statement.map((s: { Sid: string; Resource: string }) => [s.Sid, s.Resource])).toEqual([
      ["InvokeAgentAliases", "arn:aws:bedrock:us-east-1:123456789012:agent-alias/SUPPORTAGT/PRODALIAS1"],
      ["RetrieveFromKnowledgeBases", "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/SUPPORTKB1"],
    ]);
    const rotation = byName["rotated-openai-key"].run.resources.find((r) => r.type === "aws:secretsmanager/secretRotation:SecretRotation")!;
    expect(rotation.inputs.rotationRules).toEqual({ automaticallyAfterDays: 30 });
  });
});
