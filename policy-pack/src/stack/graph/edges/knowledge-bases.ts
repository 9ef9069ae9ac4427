/**
 * Agent → knowledge base → its data: the agent-knowledge-base association, the vector store the
 * knowledge base writes to (OpenSearch Serverless collection), and its data sources' buckets.
 */
import { T } from "../../../model/resource";
import { block, field } from "../../../model/blocks";
import type { BuildContext } from "../context";

const AGENT = new Set([T.bedrockAgent]);
const KB = new Set([T.bedrockKnowledgeBase]);
const COLLECTION = new Set([T.opensearchCollection]);
const BUCKET = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);

export function knowledgeBaseEdges(ctx: BuildContext): void {
  for (const a of ctx.view.byType(T.bedrockAgentKnowledgeBaseAssociation)) {
    for (const agent of ctx.index.follow(a, "agentId", a.properties.agentId, AGENT)) {
      for (const kb of ctx.index.follow(a, "knowledgeBaseId", a.properties.knowledgeBaseId, KB)) {
        ctx.edge({ from: ctx.resourceNode(agent, "agent"), to: ctx.resourceNode(kb, "agent"), kind: "invokes", label: "retrieves", via: a, property: "knowledgeBaseId" });
      }
    }
  }
  for (const kb of ctx.view.byType(T.bedrockKnowledgeBase)) {
    const storage = block(kb.properties.storageConfiguration, "opensearchServerlessConfiguration");
    const arn = storage?.collectionArn;
    const node = ctx.resourceNode(kb, "agent");
    for (const c of ctx.index.follow(kb, "storageConfiguration", arn, COLLECTION)) {
      ctx.edge({ from: node, to: ctx.resourceNode(c, "data"), kind: "reads", label: "vector store", via: kb, property: "storageConfiguration" });
    }
    if (typeof arn === "string" && ctx.index.find(arn, COLLECTION).length === 0 && !arn.includes("${")) {
      ctx.edge({ from: node, to: ctx.syntheticNode("data", `collection|${arn}`, `vector store ${arn.split("/").pop()}`), kind: "reads", label: "vector store", via: kb, property: "storageConfiguration" });
    }
  }
  for (const ds of ctx.view.byType(T.bedrockDataSource)) {
    const bucketArn = field(ds.properties.dataSourceConfiguration, "s3Configuration", "bucketArn");
    for (const kb of ctx.index.follow(ds, "knowledgeBaseId", ds.properties.knowledgeBaseId, KB)) {
      const kbNode = ctx.resourceNode(kb, "agent");
      const buckets = ctx.index.follow(ds, "dataSourceConfiguration", bucketArn, BUCKET);
      for (const b of buckets) ctx.edge({ from: kbNode, to: ctx.resourceNode(b, "data"), kind: "reads", label: "data source", via: ds, property: "dataSourceConfiguration" });
      if (buckets.length === 0) ctx.edge({ from: kbNode, to: ctx.resourceNode(ds, "data"), kind: "reads", label: "data source", via: ds, property: "dataSourceConfiguration" });
    }
  }
}
