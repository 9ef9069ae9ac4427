/** Pure trust-policy builders: exact documents and refusal messages, no Pulumi involved. */
import { describe, expect, it } from "vitest";
import { breakGlassTrustPolicy, checkHumanPrincipals } from "../../components/break-glass/documents";
import {
  eksIrsaTrustPolicy,
  eksPodIdentityTrustPolicy,
  githubActionsTrustPolicy,
  githubSubjects,
  gitlabCiTrustPolicy,
  oidcTrustPolicy,
  serviceTrustPolicy,
} from "../../components/trust";

const GH = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const GL = "arn:aws:iam::123456789012:oidc-provider/gitlab.example.com";
const EKS_ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";
const EKS = `arn:aws:iam::123456789012:oidc-provider/${EKS_ISSUER}`;
const CLUSTER = "arn:aws:eks:us-east-1:123456789012:cluster/agents";
const S = 'GithubActionsRole "ci"';

describe("GitHub Actions trust", () => {
  it("pins aud and the exact subjects with StringEquals", () => {
    expect(githubActionsTrustPolicy(S, { providerArn: GH, repository: "acme/bot", branches: ["main"], environments: ["prod"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GithubActionsExactSubjects",
          Effect: "Allow",
          Principal: { Federated: GH },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": ["repo:acme/bot:ref:refs/heads/main", "repo:acme/bot:environment:prod"],
            },
          },
        },
      ],
    });
  });

  it("builds subjects for branches, tags, environments, pull requests and the immutable-ID form", () => {
    expect(githubSubjects(S, { repository: "octocat@123456/my-repo@456789", branches: ["refs/heads/main"], gitTags: ["v1.2.3"], environments: ["prod"], pullRequests: true })).toEqual([
      "repo:octocat@123456/my-repo@456789:ref:refs/heads/main",
      "repo:octocat@123456/my-repo@456789:ref:refs/tags/v1.2.3",
      "repo:octocat@123456/my-repo@456789:environment:prod",
      "repo:octocat@123456/my-repo@456789:pull_request",
    ]);
  });

  it("puts wildcards only in a separate StringLike statement", () => {
    const doc = githubActionsTrustPolicy(S, { providerArn: GH, repository: "acme/bot", subjectPatterns: ["repo:acme/bot:ref:refs/heads/release-*"] });
    expect(doc.Statement).toEqual([
      {
        Sid: "GithubActionsSubjectPatterns",
        Effect: "Allow",
        Principal: { Federated: GH },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/bot:ref:refs/heads/release-*" },
        },
      },
    ]);
  });

  it("uses the enterprise issuer host from the provider ARN", () => {
    const arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/acme-corp";
    const doc = githubActionsTrustPolicy(S, { providerArn: arn, repository: "acme/bot", branches: ["main"] });
    expect(Object.keys(doc.Statement[0].Condition!.StringEquals)).toEqual(["token.actions.githubusercontent.com/acme-corp:aud", "token.actions.githubusercontent.com/acme-corp:sub"]);
  });

  it.each([
    [{ repository: "acme/bot" }, 'GithubActionsRole "ci": give at least one of branches, gitTags, environments or subjectPatterns; a role without a subject can be assumed by any repository on GitHub'],
    [{ repository: "acme/*", branches: ["main"] }, 'GithubActionsRole "ci": repository "acme/*" has a wildcard; name one repository (OWNER/REPO), and put wildcard subjects in subjectPatterns'],
    [{ repository: "acme", branches: ["main"] }, 'GithubActionsRole "ci": repository "acme" is not OWNER/REPO (or OWNER@ID/REPO@ID, the immutable-ID form)'],
    [{ repository: "acme/bot", branches: ["release-*"] }, 'GithubActionsRole "ci": branches value "release-*" has a wildcard; exact subjects are compared literally. Put patterns in subjectPatterns'],
    [{ repository: "acme/bot", subjectPatterns: ["repo:*/bot:*"] }, 'GithubActionsRole "ci": subjectPatterns value "repo:*/bot:*" leaves the owner open; anyone can create a matching organisation or user'],
    [{ repository: "acme/bot", subjectPatterns: ["repo:acme/*"] }, 'GithubActionsRole "ci": subjectPatterns value "repo:acme/*" leaves the repository open; name one repository and wildcard only the ref'],
    [{ repository: "acme/bot", subjectPatterns: ["*"] }, 'GithubActionsRole "ci": subjectPatterns value "*" does not start with repo:OWNER/REPO; any repository on GitHub could match'],
    [{ repository: "acme/bot", branches: ["main"], audiences: ["*"] }, 'GithubActionsRole "ci": audience "*" is empty or has a wildcard; tokens minted for any audience would be accepted. Name the exact audience'],
    [{ repository: "acme/bot", branches: ["main"], providerArn: GL }, 'GithubActionsRole "ci": oidcProviderArn is for issuer "gitlab.example.com", not GitHub Actions (token.actions.githubusercontent.com); use GitlabCiRole or OidcRole for other issuers'],
    [{ repository: "acme/bot", branches: ["main"], providerArn: "token.actions.githubusercontent.com" }, 'GithubActionsRole "ci": oidcProviderArn "token.actions.githubusercontent.com" is not an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)'],
  ])("refuses %j", (spec, message) => {
    expect(() => githubActionsTrustPolicy(S, { providerArn: GH, ...spec })).toThrow(message);
  });
});

describe("GitLab CI trust", () => {
  it("pins project path and ref type on any host", () => {
    expect(gitlabCiTrustPolicy('GitlabCiRole "gl"', { providerArn: GL, projectPath: "acme/ml/bot", branches: ["main"], gitTags: ["v1"] }).Statement).toEqual([
      {
        Sid: "GitlabCiExactSubjects",
        Effect: "Allow",
        Principal: { Federated: GL },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "gitlab.example.com:aud": "sts.amazonaws.com",
            "gitlab.example.com:sub": ["project_path:acme/ml/bot:ref_type:branch:ref:main", "project_path:acme/ml/bot:ref_type:tag:ref:v1"],
          },
        },
      },
    ]);
  });
  it.each([
    [{ projectPath: "acme/bot" }, 'GitlabCiRole "gl": give at least one of branches, gitTags or subjectPatterns; a role without a ref in its subject can be assumed by any pipeline of the project, including unprotected branches'],
    [{ projectPath: "acme/*", branches: ["main"] }, 'GitlabCiRole "gl": projectPath "acme/*" is not GROUP/PROJECT without wildcards; put wildcard subjects in subjectPatterns'],
    [{ projectPath: "acme/bot", subjectPatterns: ["project_path:*/bot:*"] }, 'GitlabCiRole "gl": subjectPatterns value "project_path:*/bot:*" leaves the top-level group open; any GitLab namespace could match'],
  ])("refuses %j", (spec, message) => {
    expect(() => gitlabCiTrustPolicy('GitlabCiRole "gl"', { providerArn: GL, ...spec })).toThrow(message);
  });
});

describe("EKS trust", () => {
  it("IRSA pins each namespace:serviceaccount", () => {
    expect(eksIrsaTrustPolicy('EksIrsaRole "x"', { providerArn: EKS, serviceAccounts: ["agents:planner", { namespace: "agents", serviceAccount: "retriever" }] }).Statement).toEqual([
      {
        Sid: "EksIrsaExactSubjects",
        Effect: "Allow",
        Principal: { Federated: EKS },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${EKS_ISSUER}:aud`]: "sts.amazonaws.com",
            [`${EKS_ISSUER}:sub`]: ["system:serviceaccount:agents:planner", "system:serviceaccount:agents:retriever"],
          },
        },
      },
    ]);
  });
  it.each([
    [[], 'EksIrsaRole "x": give at least one serviceAccounts entry (namespace:serviceaccount); a role without a subject can be assumed by any service account in the cluster'],
    [["agents:*"], 'EksIrsaRole "x": serviceAccounts entry "agents:*" has a wildcard; name each namespace and service account'],
    [["agents"], 'EksIrsaRole "x": serviceAccounts entry "agents" is not namespace:serviceaccount'],
  ])("IRSA refuses %j", (sas, message) => {
    expect(() => eksIrsaTrustPolicy('EksIrsaRole "x"', { providerArn: EKS, serviceAccounts: sas })).toThrow(message);
  });
  it("IRSA refuses a non-EKS issuer", () => {
    expect(() => eksIrsaTrustPolicy('EksIrsaRole "x"', { providerArn: GH, serviceAccounts: ["a:b"] })).toThrow(
      'EksIrsaRole "x": oidcProviderArn is for issuer "token.actions.githubusercontent.com", which is not an EKS cluster issuer (oidc.eks.<region>.amazonaws.com/id/<ID>)',
    );
  });

  it("Pod Identity trusts pods.eks.amazonaws.com for this account and cluster, per service account", () => {
    expect(eksPodIdentityTrustPolicy('EksPodIdentityRole "p"', { clusterArn: CLUSTER, serviceAccounts: ["support:agent"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EksPodIdentity1",
          Effect: "Allow",
          Principal: { Service: "pods.eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Condition: {
            StringEquals: { "aws:SourceAccount": "123456789012", "aws:RequestTag/kubernetes-namespace": "support", "aws:RequestTag/kubernetes-service-account": "agent" },
            ArnEquals: { "aws:SourceArn": CLUSTER },
          },
        },
      ],
    });
    expect(eksPodIdentityTrustPolicy('EksPodIdentityRole "p"', { clusterArn: CLUSTER, serviceAccounts: ["a:b"], pinSessionTags: false }).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnEquals: { "aws:SourceArn": CLUSTER },
    });
  });
  it("Pod Identity refuses a cluster ARN that is not one", () => {
    expect(() => eksPodIdentityTrustPolicy('EksPodIdentityRole "p"', { clusterArn: "agents", serviceAccounts: ["a:b"] })).toThrow(
      'EksPodIdentityRole "p": clusterArn "agents" is not an EKS cluster ARN (arn:aws:eks:<region>:<account>:cluster/<name>)',
    );
  });
});

describe("generic OIDC, service and break-glass trust", () => {
  const P = "arn:aws-us-gov:iam::123456789012:oidc-provider/auth.example.com/realms/ml";
  it("generic issuer: exact and pattern statements, custom audience", () => {
    expect(oidcTrustPolicy('OidcRole "o"', { providerArn: P, subjects: ["svc-a"], subjectPatterns: ["svc-batch-*"], audiences: ["ml-api"] }).Statement.map((s) => s.Condition)).toEqual([
      { StringEquals: { "auth.example.com/realms/ml:aud": "ml-api", "auth.example.com/realms/ml:sub": "svc-a" } },
      { StringEquals: { "auth.example.com/realms/ml:aud": "ml-api" }, StringLike: { "auth.example.com/realms/ml:sub": "svc-batch-*" } },
    ]);
  });
  it("generic issuer without subject is refused", () => {
    expect(() => oidcTrustPolicy('OidcRole "o"', { providerArn: P, subjects: [] })).toThrow(
      'OidcRole "o": no subject given; a role without a subject can be assumed by any identity the issuer signs a token for',
    );
  });
  it("service trust carries aws:SourceAccount and aws:SourceArn", () => {
    expect(serviceTrustPolicy("X", "bedrock.amazonaws.com", "123456789012", "arn:aws:bedrock:us-east-1:123456789012:*").Statement[0]).toEqual({
      Sid: "X",
      Effect: "Allow",
      Principal: { Service: "bedrock.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:*" } },
    });
  });
  it("break-glass: named humans, MFA present and fresh", () => {
    expect(breakGlassTrustPolicy(["arn:aws:iam::123456789012:user/alice"], 600).Statement).toEqual([
      {
        Sid: "BreakGlassHumansWithFreshMfa",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:user/alice" },
        Action: "sts:AssumeRole",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "600" } },
      },
    ]);
  });
  it.each([
    [[], 'B: principals is empty; name the IAM users (or human sign-in roles) allowed to break the glass'],
    [["*"], 'B: principals entry "*" has a wildcard; name each person\'s IAM user or role ARN'],
    [["arn:aws:iam::123456789012:root"], 'B: principals entry "arn:aws:iam::123456789012:root" is an account root, which trusts every principal of that account; name users or roles'],
    [["123456789012"], 'B: principals entry "123456789012" is not an IAM user or role ARN (arn:aws:iam::<account>:user/<name>)'],
  ])("break-glass refuses %j", (p, message) => {
    expect(() => checkHumanPrincipals("B", p)).toThrow(message);
  });
});
