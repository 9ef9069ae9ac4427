/** SecureKnowledgeBase: pure documents (against the IAM catalog), then the component under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { doc, recorded, resourceNamed, settle, setupMocks, valueOf } from "./harness";
import { catalogProblems } from "./iam-catalog";
import { collectionKeyPolicy, dataAccessPolicy, encryptionSecurityPolicy, knowledgeBaseRolePolicy, knowledgeBaseTrustPolicy, networkSecurityPolicy } from "../../components/knowledge-base/documents";

const ctx = { partition: "aws", account: "123456789012", region: "us-east-1" };
const KB_ROLE = "arn:aws:iam::123456789012:role/kb";

describe("documents (pure)", () => {
  it("security policies: CMK, never public, Bedrock and named endpoints", () => {
    expect(JSON.parse(encryptionSecurityPolicy("docs", "arn:aws:kms:us-east-1:123456789012:key/k1"))).toEqual({ Rules: [{ ResourceType: "collection", Resource: ["collection/docs"] }], AWSOwnedKey: false, KmsARN: "arn:aws:kms:us-east-1:123456789012:key/k1" });
    const net = JSON.parse(networkSecurityPolicy("S", "docs", ["vpce-0abc"]));
    expect(net[0]).toMatchObject({ AllowFromPublic: false, SourceServices: ["bedrock.amazonaws.com"], SourceVPCEs: ["vpce-0abc"] });
    expect(() => networkSecurityPolicy("S", "docs", ["*"])).toThrow('S: vpcEndpointIds value "*" is not an OpenSearch Serverless VPC endpoint id');
  });

  it("data access: named roles only; readers read", () => {
    const d = JSON.parse(dataAccessPolicy("S", { collectionName: "docs", writers: [KB_ROLE], readers: ["arn:aws:iam::123456789012:role/agent"] }));
    expect(d.map((r: { Principal: string[] }) => r.Principal)).toEqual([[KB_ROLE], ["arn:aws:iam::123456789012:role/agent"]]);
    expect(d[1].Rules[0].Permission).toEqual(["aoss:DescribeIndex", "aoss:ReadDocument"]);
    for (const bad of ["*", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:user/bob"]) {
      expect(() => dataAccessPolicy("S", { collectionName: "docs", writers: [KB_ROLE], readers: [bad] })).toThrow("data access goes to named roles only");
    }
  });

  it("knowledge-base role, trust and key policy: scoped, and in the IAM catalog", async () => {
    const role = knowledgeBaseRolePolicy({ ...ctx, collectionArn: "arn:aws:aoss:us-east-1:123456789012:collection/abc123", embeddingModelArn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0", dataSource: { bucketArn: "arn:aws:s3:::docs", prefix: "handbook/" } });
    expect(role.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ["UseOwnVectorCollection", "arn:aws:aoss:us-east-1:123456789012:collection/abc123"],
      ["EmbedWithNamedModel", "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"],
      ["ReadSourceDocuments", "arn:aws:s3:::docs/handbook/*"],
      ["ListSourceDocuments", "arn:aws:s3:::docs"],
    ]);
    expect(await catalogProblems(role)).toEqual([]);
    expect(await catalogProblems(knowledgeBaseTrustPolicy(ctx))).toEqual([]);
    expect(await catalogProblems(collectionKeyPolicy(ctx))).toEqual([]);
  });
});

describe("SecureKnowledgeBase under mocks", () => {
  type C = typeof import("../../components");
  let c: C;
  beforeAll(async () => {
    await setupMocks();
    c = await import("../../components");
  });
  const base = { knowledgeBase: { embeddingModel: "amazon.titan-embed-text-v2:0", vectorIndexName: "docs" }, owner: "kb-team", purpose: "docs" };

  it("collection after its encryption and network policies; KB wired to collection and role", async () => {
    const kb = new c.SecureKnowledgeBase("kb1", { ...base, indexWriters: ["arn:aws:iam::123456789012:role/indexer"] });
    const arn = await valueOf(kb.collectionArn);
    await valueOf(kb.dataAccessPolicyJson);
    await valueOf(kb.rolePolicy);
    await settle();
    expect(arn).toBe("arn:aws:aoss:us-east-1:123456789012:collection/kb1-id");
    expect(resourceNamed("kb1-collection").inputs).toMatchObject({ name: "kb1", type: "VECTORSEARCH" });
    expect(JSON.parse(resourceNamed("kb1-encryption-policy").inputs.policy as string).KmsARN).toBe("arn:aws:kms:us-east-1:123456789012:key/kb1-key-0a1b2c3");
    expect(JSON.parse(resourceNamed("kb1-data-access-policy").inputs.policy as string)[0].Principal).toEqual(["arn:aws:iam::123456789012:role/kb1-role-0a1b2c3", "arn:aws:iam::123456789012:role/indexer"]);
    expect(resourceNamed("kb1-knowledge-base").inputs.storageConfiguration).toMatchObject({ type: "OPENSEARCH_SERVERLESS", opensearchServerlessConfiguration: { collectionArn: arn, vectorIndexName: "docs" } });
    expect(await catalogProblems(doc("kb1-role-policy", "policy") as never)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["bad collection name", { collectionName: "Docs_1" }, 'SecureKnowledgeBase "bad": collectionName "Docs_1" must be 3-32 lower-case'],
    ["no embedding model", { knowledgeBase: { vectorIndexName: "docs" } }, "give knowledgeBase.embeddingModel"],
    ["reader is *", { readers: ["*"] }, 'readers entry "*" is not an IAM role ARN'],
    ["writer is an account", { indexWriters: ["arn:aws:iam::123456789012:root"] }, "indexWriters entry"],
    ["bad bucket", { knowledgeBase: { ...base.knowledgeBase, dataSource: { bucketArn: "arn:aws:s3:::*" } } }, "knowledgeBase.dataSource.bucketArn"],
  ])("refuses: %s", (_l, extra, message) => {
    expect(() => new c.SecureKnowledgeBase("bad", { ...base, ...extra } as never)).toThrow(message);
    expect(recorded.some((r) => r.name.startsWith("bad-"))).toBe(false);
  });
});
