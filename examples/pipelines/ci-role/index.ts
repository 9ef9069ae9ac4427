// The identities the example pipelines (../github, ../gitlab) assume to run `pulumi preview`.
// Built with this project's own components: no stored AWS key anywhere, subjects pinned, one-hour
// sessions, owner/purpose tags, and only what a preview needs (read, state, state decryption).
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { GithubActionsOidcProvider, GithubActionsRole, GitlabOidcProvider, GitlabCiRole } from "../../../components";

const config = new pulumi.Config();
const stateBucket = config.get("stateBucket") ?? "acme-pulumi-state";
const stateKeyArn = config.get("stateKeyArn") ?? "arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const ownership = { owner: "platform-team", purpose: "pulumi-preview-in-ci" };

// GitHub Actions: pull-request workflows of one repository only.
const github = new GithubActionsOidcProvider("github", { ...ownership });
const githubPreview = new GithubActionsRole("github-preview", {
  ...ownership,
  oidcProviderArn: github.arn,
  repository: "acme/support-bot",
  pullRequests: true,
});

// GitLab CI: merge-request pipelines of one project. GitLab's subject names the source branch,
// which varies per merge request, so the branch is a pattern (an advisory finding, reviewed: the
// role can only read).
const gitlab = new GitlabOidcProvider("gitlab", { ...ownership });
const gitlabPreview = new GitlabCiRole("gitlab-preview", {
  ...ownership,
  oidcProviderArn: gitlab.arn,
  projectPath: "acme/support-bot",
  subjectPatterns: ["project_path:acme/support-bot:ref_type:branch:ref:*"],
});

// What `pulumi preview` needs: read the stack's resources (refresh), read state, decrypt secrets.
const previewPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadState", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::${stateBucket}`, `arn:aws:s3:::${stateBucket}/*`] },
    { Sid: "DecryptStateSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [stateKeyArn] },
  ],
});
for (const [name, role] of [["github-preview", githubPreview], ["gitlab-preview", gitlabPreview]] as const) {
  new aws.iam.RolePolicy(`${name}-state`, { role: role.roleName, policy: previewPolicy });
  new aws.iam.RolePolicyAttachment(`${name}-read-only`, { role: role.roleName, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
}

export const githubPreviewRoleArn = githubPreview.roleArn;
export const gitlabPreviewRoleArn = gitlabPreview.roleArn;
