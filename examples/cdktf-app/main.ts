/**
 * A cdktf app guarded by ai-access-guard: a GitHub Actions deploy role pinned to one repository and
 * branch, allowed to invoke one Claude model, with Bedrock invocation logging on. Synthesises
 * offline (no provider download, no cloud credentials):
 *
 *   npx tsx examples/cdktf-app/main.ts        # writes examples/cdktf-app/cdktf.out/stacks/ai-path/cdk.tf.json
 *
 * Try `unsafe: true` in buildApp (or AAG_UNSAFE=1): the app adds a long-lived access key and a
 * `bedrock:*` grant, and `app.synth()` fails with the rule IDs and fixes.
 */
import { App, Aspects, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key";
import { BedrockModelInvocationLoggingConfiguration } from "@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration";
import { AiAccessGuardAspect } from "../../cdktf";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const MODEL_ARN = `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0`;
const ISSUER = "token.actions.githubusercontent.com";
const TAGS = { owner: "platform", purpose: "release-notes-bot" };

export interface ExampleOptions {
  readonly unsafe?: boolean;
  /** Same shape as `--policy-pack-config`. */
  readonly packConfig?: unknown;
}

export class AiPathStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: ExampleOptions = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: REGION });
    new IamOpenidConnectProvider(this, "github", { url: `https://${ISSUER}`, clientIdList: ["sts.amazonaws.com"], tags: TAGS });
    const role = new IamRole(this, "deploy", {
      name: "release-notes-bot",
      maxSessionDuration: 3600,
      tags: TAGS,
      // A literal document (not Fn.jsonencode) so the rules can judge it at synth time.
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}` },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com", [`${ISSUER}:sub`]: "repo:acme/release-notes:ref:refs/heads/main" } },
          },
        ],
      }),
    });
    new IamRolePolicy(this, "invoke", {
      name: "invoke-claude",
      role: role.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: [MODEL_ARN] }],
      }),
    });
    new BedrockModelInvocationLoggingConfiguration(this, "logging", {
      loggingConfig: [{ textDataDeliveryEnabled: true, s3Config: [{ bucketName: "acme-bedrock-invocation-logs", keyPrefix: "bedrock/" }] }],
    });
    if (options.unsafe) {
      const user = new IamUser(this, "ci", { name: "release-notes-ci", tags: TAGS });
      new IamAccessKey(this, "ci_key", { user: user.name });
      new IamRolePolicy(this, "everything", {
        name: "bedrock-everything",
        role: role.name,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] }),
      });
    }
    Aspects.of(this).add(new AiAccessGuardAspect(options.packConfig ?? {}));
  }
}

export function buildApp(outdir: string, options: ExampleOptions = {}): { app: App; stack: AiPathStack } {
  const app = new App({ outdir, skipValidation: true });
  const stack = new AiPathStack(app, "ai-path", options);
  return { app, stack };
}

if (require.main === module) {
  const { app } = buildApp(`${__dirname}/cdktf.out`, { unsafe: process.env.AAG_UNSAFE === "1" });
  app.synth();
  console.log(`synthesised ${__dirname}/cdktf.out/stacks/ai-path/cdk.tf.json`);
}
