/**
 * Compute or agent → the role it runs as. One table: each row names the type, the property (or
 * nested path) that holds the role, and whether it is compute or an AI resource. EC2 instances
 * reach their role through an instance profile.
 */
import { T, type ResourceModel } from "../../../model/resource";
import { field } from "../../../model/blocks";
import type { BuildContext } from "../context";
import type { NodeKind } from "../types";

export const RUNS_AS: ReadonlyArray<{ type: string; path: readonly string[]; kind: NodeKind }> = [
  { type: T.lambdaFunction, path: ["role"], kind: "compute" },
  { type: T.ecsTaskDefinition, path: ["taskRoleArn"], kind: "compute" },
  { type: T.sagemakerNotebook, path: ["roleArn"], kind: "compute" },
  { type: T.sagemakerDomain, path: ["defaultUserSettings", "executionRole"], kind: "compute" },
  { type: T.bedrockAgent, path: ["agentResourceRoleArn"], kind: "agent" },
  { type: T.bedrockKnowledgeBase, path: ["roleArn"], kind: "agent" },
  { type: T.bedrockFlow, path: ["executionRoleArn"], kind: "agent" },
  { type: T.agentcoreRuntime, path: ["roleArn"], kind: "agent" },
  { type: T.agentcoreGateway, path: ["roleArn"], kind: "agent" },
];

/** Types that are AI resources in their own right (reaching one is reaching AI). */
export const AI_RESOURCE_TYPES: ReadonlySet<string> = new Set(RUNS_AS.filter((r) => r.kind === "agent").map((r) => r.type));

const PROFILE = new Set([T.instanceProfile]);

export function runsAsEdges(ctx: BuildContext): void {
  for (const row of RUNS_AS) {
    for (const r of ctx.view.byType(row.type)) {
      const from = ctx.resourceNode(r, row.kind);
      for (const role of ctx.roles(r, row.path[0], field(r.properties, ...row.path))) {
        ctx.edge({ from, to: ctx.principalNode(role), kind: "runs-as", via: r, property: row.path[0] });
      }
    }
  }
  for (const i of ctx.view.byType(T.ec2Instance)) {
    const from = ctx.resourceNode(i, "compute");
    for (const profile of ctx.index.follow(i, "iamInstanceProfile", i.properties.iamInstanceProfile, PROFILE)) {
      for (const role of ctx.roles(profile, "role", profile.properties.role)) {
        ctx.edge({ from, to: ctx.principalNode(role), kind: "runs-as", via: profile as ResourceModel, property: "role", detail: `instance profile "${profile.name}"` });
      }
    }
  }
}
