/**
 * RotatedAiProviderSecret: a Secrets Manager secret for a third-party AI key (OpenAI, Anthropic, …),
 * encrypted with its own customer-managed KMS key (key rotation on), rotated by a Lambda you provide
 * (default every 30 days), readable only by the roles you name. The value itself is never an input:
 * the rotation function (or an operator) puts it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, who } from "../common/errors";
import { checkOwnership } from "../common/ownership";
import { awsContext, type AwsContextArgs } from "../common/context";
import { known, knownList, knownTags, withOwnership, type Tags } from "../common/inputs";
import { checkProvider, checkRoleArns, rotationRules, secretKeyPolicy, secretResourcePolicy } from "./documents";

export interface RotatedAiProviderSecretArgs extends AwsContextArgs {
  /** Provider of the key, lower case: `openai`, `anthropic`, `cohere`, … (tag `ai-provider`). */
  readonly provider: string;
  /** Role ARNs that may read the key. Everyone else is denied `GetSecretValue`. */
  readonly readers: pulumi.Input<pulumi.Input<string>[]>;
  /** ARN of the rotation Lambda function (yours: it mints a new key at the provider and stores it). */
  readonly rotationLambdaArn: pulumi.Input<string>;
  /** Execution role of the rotation function: the only other principal allowed to read and write the secret. */
  readonly rotationLambdaRoleArn: pulumi.Input<string>;
  /** Days between rotations. @default 30 */
  readonly rotationDays?: number;
  /** Instead of rotationDays: `rate(N days)` or `cron(…)`; evaluated against the 30-day maximum. */
  readonly rotationSchedule?: string;
  /** Rotation window length, e.g. `3h`. @default provider default */
  readonly rotationWindow?: pulumi.Input<string>;
  /** Explicit override to rotate less often than every 30 days. @default false */
  readonly allowRotationLongerThan30Days?: boolean;
  /** Rotate as soon as rotation is configured. @default provider default (true) */
  readonly rotateImmediately?: pulumi.Input<boolean>;
  /** Add the `lambda.Permission` that lets Secrets Manager invoke the function for this secret. @default true */
  readonly grantSecretsManagerInvoke?: boolean;
  /** Secret name. @default auto-named */
  readonly secretName?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
  /** Days a deleted secret can be recovered. @default 30 */
  readonly recoveryWindowInDays?: pulumi.Input<number>;
  /** Tag `owner`. Required. */
  readonly owner: pulumi.Input<string>;
  /** Tag `purpose`. Required. */
  readonly purpose: pulumi.Input<string>;
  readonly tags?: Tags;
}

export class RotatedAiProviderSecret extends pulumi.ComponentResource {
  public readonly secret: aws.secretsmanager.Secret;
  public readonly secretArn: pulumi.Output<string>;
  public readonly key: aws.kms.Key;
  public readonly keyArn: pulumi.Output<string>;
  public readonly rotation: aws.secretsmanager.SecretRotation;
  public readonly secretPolicy: aws.secretsmanager.SecretPolicy;
  /** The resource policy as a JSON string. */
  public readonly resourcePolicy: pulumi.Output<string>;
  public readonly keyPolicy: pulumi.Output<string>;

  constructor(name: string, args: RotatedAiProviderSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:secrets:RotatedAiProviderSecret", name, {}, opts);
    const s = who("RotatedAiProviderSecret", name);
    const provider = checkProvider(s, args.provider ?? "");
    checkOwnership(s, known(args.owner) ?? (args.owner === undefined ? undefined : "?"), known(args.purpose) ?? (args.purpose === undefined ? undefined : "?"), knownTags(args.tags));
    if (args.rotationLambdaArn === undefined || args.rotationLambdaRoleArn === undefined) {
      fail(s, "give rotationLambdaArn and rotationLambdaRoleArn: an AI provider key without rotation stays valid until someone notices it leaked");
    }
    const rules = rotationRules(s, { days: args.rotationDays, schedule: args.rotationSchedule, allowLonger: args.allowRotationLongerThan30Days });
    const plainReaders = knownList<string>(args.readers);
    if (plainReaders) checkRoleArns(s, "readers", plainReaders);
    const plainRotationRole = known(args.rotationLambdaRoleArn);
    if (plainRotationRole !== undefined) checkRoleArns(s, "rotationLambdaRoleArn", [plainRotationRole]);
    const readers = pulumi.output(args.readers).apply((r) => checkRoleArns(s, "readers", r));
    const rotationRole = pulumi.output(args.rotationLambdaRoleArn).apply((r) => checkRoleArns(s, "rotationLambdaRoleArn", [r])[0]);

    const ctx = awsContext(this, args);
    const tags = withOwnership(args.tags, args.owner, args.purpose, { "ai-provider": provider });
    this.keyPolicy = pulumi.all([ctx.partition, ctx.accountId, ctx.region, readers, rotationRole]).apply(([p, a, r, rd, rr]) => JSON.stringify(secretKeyPolicy(p, a, r, rd, rr)));
    this.key = new aws.kms.Key(
      `${name}-key`,
      { description: `Encrypts the ${provider} API key ${name} (ai-access-guard)`, enableKeyRotation: true, deletionWindowInDays: 30, policy: this.keyPolicy, tags },
      { parent: this },
    );
    this.keyArn = this.key.arn;
    this.secret = new aws.secretsmanager.Secret(
      `${name}-secret`,
      {
        name: args.secretName,
        description: args.description ?? `${provider} API key (AI provider), rotated by ai-access-guard`,
        kmsKeyId: this.key.arn,
        recoveryWindowInDays: args.recoveryWindowInDays ?? 30,
        tags,
      },
      { parent: this },
    );
    this.secretArn = this.secret.arn;
    this.resourcePolicy = pulumi.all([readers, rotationRole]).apply(([rd, rr]) => JSON.stringify(secretResourcePolicy(rd, rr)));
    this.secretPolicy = new aws.secretsmanager.SecretPolicy(`${name}-policy`, { secretArn: this.secret.arn, policy: this.resourcePolicy, blockPublicPolicy: true }, { parent: this });
    const dependsOn: pulumi.Resource[] = [this.secretPolicy];
    if (args.grantSecretsManagerInvoke !== false) {
      dependsOn.push(
        new aws.lambda.Permission(
          `${name}-invoke`,
          { action: "lambda:InvokeFunction", function: args.rotationLambdaArn, principal: "secretsmanager.amazonaws.com", sourceArn: this.secret.arn, sourceAccount: ctx.accountId },
          { parent: this },
        ),
      );
    }
    this.rotation = new aws.secretsmanager.SecretRotation(
      `${name}-rotation`,
      { secretId: this.secret.id, rotationLambdaArn: args.rotationLambdaArn, rotationRules: { ...rules, duration: args.rotationWindow }, rotateImmediately: args.rotateImmediately },
      { parent: this, dependsOn },
    );
    this.registerOutputs({ secretArn: this.secretArn, keyArn: this.keyArn, resourcePolicy: this.resourcePolicy, keyPolicy: this.keyPolicy });
  }
}
