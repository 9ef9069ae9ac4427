/**
 * Deterministic, realistic stacks for the benchmarks: AI workloads the way teams build them —
 * roles with GitHub/GitLab OIDC, Lambda, EKS and cross-account trust, inline and standalone
 * policies with real-looking Bedrock/SageMaker/AOSS/S3/KMS/Secrets Manager statements,
 * attachments of customer- and AWS-managed policies, CI users with access keys, groups,
 * AI provider secrets with and without rotation, Lambdas with environment variables, SSM
 * parameters and the usual non-IAM neighbours (buckets, log groups, keys, queues).
 * A few percent of units carry the mistakes the rules exist for (bedrock:* on *, NotAction,
 * unpinned subjects, long-lived keys), so the rules do real work on every path.
 */

export interface BenchResource {
  type: string;
  name: string;
  urn: string;
  /** Inputs (what Analyze receives). */
  inputs: Record<string, unknown>;
  /** Outputs (what AnalyzeStack and a stack export carry): inputs plus arn/id/name. */
  outputs: Record<string, unknown>;
}

const ACCOUNT = "123456789012";
const REGIONS = ["us-east-1", "us-west-2", "eu-central-1", "eu-west-1"];
const MODELS = [
  "anthropic.claude-3-5-sonnet-20240620-v1:0",
  "anthropic.claude-3-haiku-20240307-v1:0",
  "amazon.titan-embed-text-v2:0",
  "meta.llama3-1-70b-instruct-v1:0",
  "cohere.embed-english-v3",
  "mistral.mistral-large-2407-v1:0",
];
const ENVS = ["dev", "staging", "prod"];
const TEAMS = ["search", "support", "growth", "risk", "platform", "docs"];

/** Small deterministic PRNG (mulberry32) so every run judges the same stack. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

export function generateStack(count: number, seed = 7, project = "ai-platform", stack = "prod"): BenchResource[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const out: BenchResource[] = [];
  const urnOf = (type: string, name: string) => `urn:pulumi:${stack}::${project}::${type}::${name}`;
  const add = (type: string, name: string, inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    for (const k of Object.keys(inputs)) if (inputs[k] === undefined) delete inputs[k];
    const outputs = { ...inputs, ...extra };
    out.push({ type, name, urn: urnOf(type, name), inputs, outputs });
  };

  for (let u = 0; out.length < count; u++) {
    const env = pick(ENVS);
    const team = pick(TEAMS);
    const region = pick(REGIONS);
    const app = `${team}-${u}`;
    const tags = { environment: env, team, owner: `${team}@example.com`, "cost-center": `cc-${100 + (u % 37)}` };
    const bad = rand() < 0.04;
    const roleName = `${app}-runtime`;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/${roleName}`;

    // Trust policy: the usual entry points.
    const trustKind = u % 5;
    let trust: object[];
    if (trustKind === 0 || trustKind === 1) {
      trust = [
        {
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
            [bad ? "StringLike" : "StringEquals"]: { "token.actions.githubusercontent.com:sub": bad ? `repo:acme/*` : `repo:acme/${app}:environment:${env}` },
          },
        },
      ];
    } else if (trustKind === 2) {
      trust = [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }];
    } else if (trustKind === 3) {
      const oidc = `oidc.eks.${region}.amazonaws.com/id/${(0x1000000 + u).toString(16).toUpperCase()}ABCDEF0123456789`;
      trust = [
        {
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${oidc}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${oidc}:aud`]: "sts.amazonaws.com", [`${oidc}:sub`]: `system:serviceaccount:${team}:${app}` } },
        },
      ];
    } else {
      trust = [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::210987654321:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": `ext-${u}` } } },
        { Effect: "Allow", Principal: { Service: "bedrock.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
      ];
    }
    const secretName = `${app}/${pick(["openai", "anthropic", "cohere", "pinecone", "db", "stripe"])}-api-key`;
    const secretArn = `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${secretName}-AbCdEf`;
    const kbArn = `arn:aws:bedrock:${region}:${ACCOUNT}:knowledge-base/KB${(100000 + u).toString(36).toUpperCase()}`;
    const models = [pick(MODELS), pick(MODELS)];
    const invoke: object[] = bad
      ? [{ Sid: "Everything", Effect: "Allow", Action: rand() < 0.5 ? "bedrock:*" : ["bedrock:Invoke*", "sagemaker:*"], Resource: "*" }]
      : [
          {
            Sid: "InvokeModels",
            Effect: "Allow",
            Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
            Resource: models.map((m) => `arn:aws:bedrock:${region}::foundation-model/${m}`),
          },
          { Sid: "Retrieve", Effect: "Allow", Action: ["bedrock:Retrieve", "bedrock:RetrieveAndGenerate"], Resource: kbArn },
          { Sid: "ReadKey", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn },
          { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${app}:*` },
        ];
    const inline = u % 3 === 0 ? [{ name: "observability", policy: doc([{ Effect: "Allow", Action: ["cloudwatch:PutMetricData", "xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" }]) }] : [];
    add(
      "aws:iam/role:Role",
      roleName,
      { name: roleName, assumeRolePolicy: doc(trust), inlinePolicies: inline, maxSessionDuration: bad ? 43200 : 3600, tags },
      { arn: roleArn, id: roleName, uniqueId: `AROA${(1e15 + u).toString(36).toUpperCase()}` },
    );
    add("aws:iam/rolePolicy:RolePolicy", `${app}-invoke`, { role: roleName, name: `${app}-invoke`, policy: doc(invoke) }, { id: `${roleName}:${app}-invoke` });

    const polName = `${app}-data`;
    const polArn = `arn:aws:iam::${ACCOUNT}:policy/${polName}`;
    const data: object[] = [
      { Sid: "Bucket", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::${app}-corpus`, `arn:aws:s3:::${app}-corpus/*`] },
      { Sid: "Key", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: `arn:aws:kms:${region}:${ACCOUNT}:key/${(0x10000000 + u).toString(16)}-aaaa-bbbb-cccc-0123456789ab`, Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
      { Sid: "Vectors", Effect: "Allow", Action: "aoss:APIAccessAll", Resource: `arn:aws:aoss:${region}:${ACCOUNT}:collection/${(0x2000000 + u).toString(36)}` },
    ];
    if (bad && rand() < 0.5) data.push({ Sid: "AllButIam", Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" });
    if (u % 4 === 0) data.push({ Sid: "DenyControl", Effect: "Deny", Action: ["bedrock:PutModelInvocationLoggingConfiguration", "bedrock:DeleteModelInvocationLoggingConfiguration"], Resource: "*" });
    add("aws:iam/policy:Policy", polName, { name: polName, path: "/", description: `Data access for ${app}`, policy: doc(data), tags }, { arn: polArn, id: polArn, policyId: `ANPA${u}` });
    add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${app}-data-attach`, { role: roleName, policyArn: polArn }, { id: `${roleName}-${u}` });
    const managed = bad ? "AmazonBedrockFullAccess" : pick(["ReadOnlyAccess", "AmazonBedrockReadOnly", "CloudWatchLambdaInsightsExecutionRolePolicy", "service-role/AWSLambdaBasicExecutionRole"]);
    add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${app}-managed-attach`, { role: roleName, policyArn: `arn:aws:iam::aws:policy/${managed}` }, { id: `${roleName}-m-${u}` });

    // The workload and its secret.
    const fnName = `${app}-handler`;
    const envVars: Record<string, string> = { SECRET_ARN: secretArn, MODEL_ID: models[0], KB_ID: kbArn, LOG_LEVEL: "info" };
    if (bad && rand() < 0.3) envVars.OPENAI_API_KEY = `sk-proj-${"Ab3dEf6hIj9kLmN0pQrStU".repeat(2)}${u}`;
    add(
      "aws:lambda/function:Function",
      fnName,
      { name: fnName, role: roleArn, runtime: "nodejs20.x", handler: "index.handler", memorySize: 1024, timeout: 60, environment: { variables: envVars }, tags },
      { arn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${fnName}`, id: fnName },
    );
    const rotated = !bad && rand() < 0.8;
    add(
      "aws:secretsmanager/secret:Secret",
      `${app}-provider-key`,
      { name: secretName, description: `Provider API key for ${app}`, kmsKeyId: rotated ? `arn:aws:kms:${region}:${ACCOUNT}:key/k-${u}` : undefined, tags },
      { arn: secretArn, id: secretArn },
    );
    if (rotated) {
      add("aws:secretsmanager/secretRotation:SecretRotation", `${app}-rotation`, {
        secretId: secretArn,
        rotationLambdaArn: `arn:aws:lambda:${region}:${ACCOUNT}:function:rotate-provider-keys`,
        rotationRules: u % 2 ? { automaticallyAfterDays: 30 } : { scheduleExpression: "cron(0 4 ? * SUN *)" },
      });
    }
    add("aws:ssm/parameter:Parameter", `${app}-model-id`, { name: `/${app}/model-id`, type: "String", value: models[0], tags });
    add("aws:s3/bucket:Bucket", `${app}-corpus`, { bucket: `${app}-corpus`, tags }, { arn: `arn:aws:s3:::${app}-corpus`, id: `${app}-corpus` });
    add("aws:cloudwatch/logGroup:LogGroup", `${app}-logs`, { name: `/aws/lambda/${fnName}`, retentionInDays: 30, tags });
    if (trustKind === 3) {
      add("aws:eks/podIdentityAssociation:PodIdentityAssociation", `${app}-pod-identity`, { clusterName: `${env}-cluster`, namespace: team, serviceAccount: app, roleArn, tags });
    }

    // CI users with keys (every 5th unit), groups (every 10th).
    if (u % 5 === 0) {
      const user = `ci-${app}`;
      add("aws:iam/user:User", user, { name: user, path: "/ci/", tags }, { arn: `arn:aws:iam::${ACCOUNT}:user/ci/${user}`, id: user, uniqueId: `AIDA${u}` });
      add("aws:iam/accessKey:AccessKey", `${user}-key`, { user, status: "Active" });
      add("aws:iam/userPolicy:UserPolicy", `${user}-deploy`, {
        user,
        name: "deploy",
        policy: doc([
          { Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:GetFunction"], Resource: `arn:aws:lambda:${region}:${ACCOUNT}:function:${fnName}` },
          { Effect: "Allow", Action: "iam:PassRole", Resource: roleArn, Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } },
        ]),
      });
      if (u % 10 === 0) {
        const group = `${team}-developers-${u}`;
        add("aws:iam/group:Group", group, { name: group, path: "/" }, { arn: `arn:aws:iam::${ACCOUNT}:group/${group}`, id: group, uniqueId: `AGPA${u}` });
        add("aws:iam/groupPolicy:GroupPolicy", `${group}-ai`, { group, name: "ai", policy: doc([{ Effect: "Allow", Action: ["bedrock:ListFoundationModels", "bedrock:GetFoundationModel"], Resource: "*" }]) });
        add("aws:iam/userGroupMembership:UserGroupMembership", `${user}-groups`, { user, groups: [group] });
      }
    }
  }
  return out.slice(0, count);
}

/** A `pulumi stack export` (deployment version 3) of the resources. */
export function stackExport(resources: readonly BenchResource[], project = "ai-platform", stack = "prod"): object {
  const stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
  const providerUrn = `urn:pulumi:${stack}::${project}::pulumi:providers:aws::default_7_48_0`;
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-01-01T00:00:00Z", magic: "bench", version: "v3.248.0" },
      resources: [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack" },
        { urn: providerUrn, custom: true, id: "00000000-0000-0000-0000-000000000000", type: "pulumi:providers:aws", inputs: { region: "us-east-1" }, outputs: { region: "us-east-1" } },
        ...resources.map((r) => ({
          urn: r.urn,
          custom: true,
          id: typeof r.outputs.id === "string" ? r.outputs.id : r.name,
          type: r.type,
          inputs: r.inputs,
          outputs: r.outputs,
          parent: stackUrn,
          provider: `${providerUrn}::00000000-0000-0000-0000-000000000000`,
        })),
      ],
    },
  };
}
