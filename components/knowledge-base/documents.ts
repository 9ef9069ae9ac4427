/**
 * Documents for a knowledge base on OpenSearch Serverless built right (pure): the collection's
 * encryption (customer-managed key), network (never public; Bedrock and named VPC endpoints only)
 * and data-access policies (named roles only), the key policy, and the knowledge-base role scoped to
 * that one collection, its embedding model and its source bucket.
 */
import { fail, quote } from "../common/errors";
import { hasWildcard, parseArn } from "../common/arn";
import { policyDocument, uniq, type PolicyDocument, type PolicyStatement } from "../common/documents";
import { accountAdministration } from "../logging/documents";
import { serviceTrustPolicy } from "../trust/service";

export const COLLECTION_NAME = /^[a-z][a-z0-9-]{2,31}$/;
/** What the knowledge base's role (and index writers) may do inside the collection. */
export const INDEX_WRITE_PERMISSIONS = ["aoss:CreateIndex", "aoss:DescribeIndex", "aoss:UpdateIndex", "aoss:ReadDocument", "aoss:WriteDocument"] as const;
export const INDEX_READ_PERMISSIONS = ["aoss:DescribeIndex", "aoss:ReadDocument"] as const;
export const COLLECTION_ITEM_PERMISSIONS = ["aoss:DescribeCollectionItems", "aoss:CreateCollectionItems", "aoss:UpdateCollectionItems"] as const;

export function checkCollectionName(subject: string, name: string): string {
  if (!COLLECTION_NAME.test(name)) fail(subject, `collectionName ${quote(name)} must be 3-32 lower-case letters, digits or hyphens, starting with a letter`);
  return name;
}

/** Role ARNs for a data-access policy: named IAM roles only (no `*`, no account roots, no wildcards). */
export function checkNamedRoles(subject: string, field: string, arns: readonly string[]): string[] {
  for (const a of arns) {
    const p = parseArn(a);
    if (a === "*" || hasWildcard(a) || !p || p.service !== "iam" || !/^\d{12}$/.test(p.account) || !/^role\/[\w+=,.@/-]+$/.test(p.resource)) {
      fail(subject, `${field} entry ${quote(a)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>); data access goes to named roles only, never to * or an account`);
    }
  }
  return uniq(arns);
}

export function encryptionSecurityPolicy(collectionName: string, kmsKeyArn: string): string {
  return JSON.stringify({ Rules: [{ ResourceType: "collection", Resource: [`collection/${collectionName}`] }], AWSOwnedKey: false, KmsARN: kmsKeyArn });
}

/** Never public: reachable from Bedrock (the knowledge base) and the named VPC endpoints only. */
export function networkSecurityPolicy(subject: string, collectionName: string, vpcEndpointIds: readonly string[]): string {
  for (const v of vpcEndpointIds) if (!/^vpce-[0-9a-z]+$/.test(v)) fail(subject, `vpcEndpointIds value ${quote(v)} is not an OpenSearch Serverless VPC endpoint id (vpce-…)`);
  return JSON.stringify([
    {
      Description: `Private access to ${collectionName} (ai-access-guard)`,
      // No dashboard rule: OpenSearch Dashboards stay unreachable (a vector store needs none).
      Rules: [{ ResourceType: "collection", Resource: [`collection/${collectionName}`] }],
      AllowFromPublic: false,
      SourceServices: ["bedrock.amazonaws.com"],
      ...(vpcEndpointIds.length > 0 ? { SourceVPCEs: uniq(vpcEndpointIds) } : {}),
    },
  ]);
}

export interface DataAccessSpec {
  readonly collectionName: string;
  /** Roles that write the index (the knowledge-base role, the index creator). */
  readonly writers: readonly string[];
  /** Roles that only read documents. */
  readonly readers?: readonly string[];
}

export function dataAccessPolicy(subject: string, spec: DataAccessSpec): string {
  const writers = checkNamedRoles(subject, "writers", spec.writers);
  const readers = checkNamedRoles(subject, "readers", spec.readers ?? []).filter((r) => !writers.includes(r));
  if (writers.length === 0) fail(subject, "the data-access policy names no writer; the knowledge-base role must be able to write its index");
  const c = spec.collectionName;
  const rules = [
    {
      Description: `Write ${c} (ai-access-guard)`,
      Rules: [
        { ResourceType: "collection", Resource: [`collection/${c}`], Permission: [...COLLECTION_ITEM_PERMISSIONS] },
        { ResourceType: "index", Resource: [`index/${c}/*`], Permission: [...INDEX_WRITE_PERMISSIONS] },
      ],
      Principal: writers,
    },
  ];
  if (readers.length > 0) rules.push({ Description: `Read ${c} (ai-access-guard)`, Rules: [{ ResourceType: "index", Resource: [`index/${c}/*`], Permission: [...INDEX_READ_PERMISSIONS] }], Principal: readers } as never);
  return JSON.stringify(rules);
}

export interface KbContext {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
}

/** Key policy for the collection's CMK: account administration, and use through OpenSearch Serverless only. */
export function collectionKeyPolicy(ctx: KbContext): PolicyDocument {
  return policyDocument([
    accountAdministration(ctx.partition, ctx.account),
    {
      Sid: "UseThroughOpenSearchServerlessOnly",
      Effect: "Allow",
      Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.account}:root` },
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `aoss.${ctx.region}.amazonaws.com`, "kms:CallerAccount": ctx.account } },
    },
  ]);
}

export function knowledgeBaseTrustPolicy(ctx: KbContext): PolicyDocument {
  return serviceTrustPolicy("BedrockKnowledgeBase", "bedrock.amazonaws.com", ctx.account, `arn:${ctx.partition}:bedrock:${ctx.region}:${ctx.account}:knowledge-base/*`);
}

export interface KbRoleSpec extends KbContext {
  readonly collectionArn: string;
  readonly embeddingModelArn: string;
  /** Source documents: bucket ARN and optional prefix. */
  readonly dataSource?: { readonly bucketArn: string; readonly prefix?: string };
}

/** The knowledge-base role: this collection, this embedding model, this bucket prefix; nothing else. */
export function knowledgeBaseRolePolicy(spec: KbRoleSpec): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "UseOwnVectorCollection", Effect: "Allow", Action: "aoss:APIAccessAll", Resource: spec.collectionArn },
    { Sid: "EmbedWithNamedModel", Effect: "Allow", Action: "bedrock:InvokeModel", Resource: spec.embeddingModelArn },
  ];
  if (spec.dataSource) {
    const prefix = spec.dataSource.prefix ? `${spec.dataSource.prefix.replace(/\/$/, "")}/` : "";
    statements.push({ Sid: "ReadSourceDocuments", Effect: "Allow", Action: "s3:GetObject", Resource: `${spec.dataSource.bucketArn}/${prefix}*`, Condition: { StringEquals: { "aws:ResourceAccount": spec.account } } });
    statements.push({
      Sid: "ListSourceDocuments",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: spec.dataSource.bucketArn,
      Condition: { StringEquals: { "aws:ResourceAccount": spec.account }, ...(prefix ? { StringLike: { "s3:prefix": `${prefix}*` } } : {}) },
    });
  }
  return policyDocument(statements);
}

export function checkEmbeddingModel(subject: string, modelId: string, partition: string, region: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(modelId ?? "") || hasWildcard(modelId)) fail(subject, `knowledgeBase.embeddingModel ${quote(String(modelId))} is not a model id (e.g. amazon.titan-embed-text-v2:0)`);
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

