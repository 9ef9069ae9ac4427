/**
 * SecureKnowledgeBase: a Bedrock knowledge base on an OpenSearch Serverless vector collection built
 * right. The collection is encrypted with its own customer-managed key, reachable only from Bedrock
 * and named VPC endpoints (never public), and its data-access policy names roles, never `*`. The
 * knowledge-base role may use this collection, this embedding model and this source prefix only.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, quote, who } from "../common/errors";
import { awsContext, type AwsContextArgs } from "../common/context";
import { checkOwned, known, knownList, withOwnership, type OwnedArgs } from "../common/inputs";
import {
  checkCollectionName,
  checkEmbeddingModel,
  checkNamedRoles,
  collectionKeyPolicy,
  dataAccessPolicy,
  encryptionSecurityPolicy,
  knowledgeBaseRolePolicy,
  knowledgeBaseTrustPolicy,
  networkSecurityPolicy,
} from "./documents";

export interface SecureKnowledgeBaseArgs extends AwsContextArgs, OwnedArgs {
  /** Collection name (3-32 lower-case letters, digits, hyphens). @default the component name */
  readonly collectionName?: string;
  /** OpenSearch Serverless VPC endpoint ids that may reach the collection (besides Bedrock). @default none */
  readonly vpcEndpointIds?: readonly string[];
  /** Roles (ARNs) that create and write the vector index, e.g. the pipeline that creates it. @default none */
  readonly indexWriters?: pulumi.Input<pulumi.Input<string>[]>;
  /** Roles (ARNs) that may read documents directly. @default none */
  readonly readers?: pulumi.Input<pulumi.Input<string>[]>;
  /** Customer-managed key for the collection. @default a new key with rotation */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** The knowledge base itself. Its vector index must exist (created by an index writer) before it is created. */
  readonly knowledgeBase: {
    /** Embedding model id, e.g. `amazon.titan-embed-text-v2:0`. */
    readonly embeddingModel: string;
    /** Name of the vector index in the collection. */
    readonly vectorIndexName: string;
    /** @default { vectorField: "embedding", textField: "text", metadataField: "metadata" } */
    readonly fieldMapping?: { readonly vectorField: string; readonly textField: string; readonly metadataField: string };
    /** Source documents in S3 (the role may read this bucket and prefix only). @default none */
    readonly dataSource?: { readonly bucketArn: pulumi.Input<string>; readonly prefix?: string };
    /** @default "Knowledge base <name> (ai-access-guard)" */
    readonly description?: pulumi.Input<string>;
  };
}

export class SecureKnowledgeBase extends pulumi.ComponentResource {
  public readonly collection: aws.opensearch.ServerlessCollection;
  public readonly knowledgeBase: aws.bedrock.AgentKnowledgeBase;
  public readonly role: aws.iam.Role;
  public readonly key?: aws.kms.Key;
  public readonly collectionArn: pulumi.Output<string>;
  public readonly dataAccessPolicyJson: pulumi.Output<string>;
  public readonly rolePolicy: pulumi.Output<string>;

  constructor(name: string, args: SecureKnowledgeBaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:knowledge-base:SecureKnowledgeBase", name, {}, opts);
    const s = who("SecureKnowledgeBase", name);
    checkOwned(s, args);
    const collectionName = checkCollectionName(s, args.collectionName ?? name);
    if (!args.knowledgeBase) fail(s, "give knowledgeBase: { embeddingModel, vectorIndexName }");
    const kb = args.knowledgeBase;
    const missing = (["embeddingModel", "vectorIndexName"] as const).filter((k) => !kb[k]);
    if (missing.length > 0) fail(s, `give ${missing.map((m) => `knowledgeBase.${m}`).join(" and ")}`);
    if (!/^[a-z0-9][a-z0-9_-]{0,254}$/.test(kb.vectorIndexName)) fail(s, `knowledgeBase.vectorIndexName ${quote(kb.vectorIndexName)} is not an OpenSearch index name (lower-case)`);
    checkEmbeddingModel(s, kb.embeddingModel, "aws", "us-east-1");
    networkSecurityPolicy(s, collectionName, args.vpcEndpointIds ?? []);
    for (const [field, value] of [["indexWriters", args.indexWriters], ["readers", args.readers]] as const) {
      const plain = knownList<string>(value as never);
      if (plain) checkNamedRoles(s, field, plain);
    }
    if (kb.dataSource && known(kb.dataSource.bucketArn) !== undefined && !/^arn:[^:]+:s3:::[a-z0-9.-]{3,63}$/.test(known(kb.dataSource.bucketArn)!)) {
      fail(s, `knowledgeBase.dataSource.bucketArn ${quote(known(kb.dataSource.bucketArn)!)} is not an S3 bucket ARN (arn:aws:s3:::<bucket>)`);
    }
    const tags = withOwnership(args.tags, args.owner, args.purpose);
    const ctx = awsContext(this, args);
    const base = pulumi.all([ctx.partition, ctx.accountId, ctx.region]).apply(([partition, account, region]) => ({ partition, account, region }));
    const o = { parent: this };

    let kmsKeyArn = args.kmsKeyArn;
    if (kmsKeyArn === undefined) {
      this.key = new aws.kms.Key(`${name}-key`, { description: `Encrypts vector collection ${collectionName} (ai-access-guard)`, enableKeyRotation: true, deletionWindowInDays: 30, policy: base.apply((b) => JSON.stringify(collectionKeyPolicy(b))), tags }, o);
      kmsKeyArn = this.key.arn;
    }
    const encryption = new aws.opensearch.ServerlessSecurityPolicy(`${name}-encryption-policy`, { name: `${collectionName}-enc`.slice(0, 32), type: "encryption", description: "Customer-managed key (ai-access-guard)", policy: pulumi.output(kmsKeyArn).apply((k) => encryptionSecurityPolicy(collectionName, k)), region: args.region }, o);
    const network = new aws.opensearch.ServerlessSecurityPolicy(`${name}-network-policy`, { name: `${collectionName}-net`.slice(0, 32), type: "network", description: "Bedrock and named VPC endpoints only, never public (ai-access-guard)", policy: networkSecurityPolicy(s, collectionName, args.vpcEndpointIds ?? []), region: args.region }, o);
    this.collection = new aws.opensearch.ServerlessCollection(`${name}-collection`, { name: collectionName, type: "VECTORSEARCH", description: `Vector store of knowledge base ${name} (ai-access-guard)`, region: args.region, tags }, { parent: this, dependsOn: [encryption, network] });
    this.collectionArn = pulumi.all([base, this.collection.id, this.collection.arn]).apply(([b, id, arn]) => (typeof arn === "string" && arn.includes(":collection/") ? arn : `arn:${b.partition}:aoss:${b.region}:${b.account}:collection/${id}`));

    const modelArn = base.apply((b) => checkEmbeddingModel(s, kb.embeddingModel, b.partition, b.region));
    this.role = new aws.iam.Role(`${name}-role`, { description: `Bedrock knowledge base ${name}: its collection, embedding model and sources only (ai-access-guard)`, assumeRolePolicy: base.apply((b) => JSON.stringify(knowledgeBaseTrustPolicy(b))), maxSessionDuration: 3600, tags }, o);
    this.rolePolicy = pulumi.all([base, this.collectionArn, modelArn, kb.dataSource?.bucketArn]).apply(([b, collectionArn, embeddingModelArn, bucketArn]) =>
      JSON.stringify(knowledgeBaseRolePolicy({ ...b, collectionArn, embeddingModelArn, dataSource: bucketArn ? { bucketArn, prefix: kb.dataSource?.prefix } : undefined })),
    );
    const grants = new aws.iam.RolePolicy(`${name}-role-policy`, { role: this.role.name, policy: this.rolePolicy }, o);

    this.dataAccessPolicyJson = pulumi
      .all([this.role.arn, pulumi.output(args.indexWriters ?? []), pulumi.output(args.readers ?? [])])
      .apply(([roleArn, writers, readers]) => dataAccessPolicy(s, { collectionName, writers: [roleArn, ...writers], readers }));
    const access = new aws.opensearch.ServerlessAccessPolicy(`${name}-data-access-policy`, { name: `${collectionName}-data`.slice(0, 32), type: "data", description: "Named roles only (ai-access-guard)", policy: this.dataAccessPolicyJson, region: args.region }, o);

    const fm = kb.fieldMapping ?? { vectorField: "embedding", textField: "text", metadataField: "metadata" };
    this.knowledgeBase = new aws.bedrock.AgentKnowledgeBase(
      `${name}-knowledge-base`,
      {
        name,
        description: kb.description ?? `Knowledge base ${name} (ai-access-guard)`,
        roleArn: this.role.arn,
        knowledgeBaseConfiguration: { type: "VECTOR", vectorKnowledgeBaseConfiguration: { embeddingModelArn: modelArn } },
        storageConfiguration: { type: "OPENSEARCH_SERVERLESS", opensearchServerlessConfiguration: { collectionArn: this.collectionArn, vectorIndexName: kb.vectorIndexName, fieldMapping: { ...fm } } },
        region: args.region,
        tags,
      },
      { parent: this, dependsOn: [grants, access] },
    );
    this.registerOutputs({ collectionArn: this.collectionArn, dataAccessPolicyJson: this.dataAccessPolicyJson, rolePolicy: this.rolePolicy });
  }
}
