/** IAM OIDC identity providers: GitHub Actions, GitLab (any host), any issuer, or an existing one by ARN. */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, quote, who } from "../common/errors";
import { checkOwnership } from "../common/ownership";
import { known, knownTags, withOwnership, type Tags } from "../common/inputs";
import { issuerHostOf } from "../common/arn";
import { checkAudiences, DEFAULT_AUDIENCE } from "../trust/oidc";
import { GITHUB_ISSUER } from "../trust/github";

export interface OidcProviderArgs {
  /** Issuer URL, `https://…`. Give this or `existingProviderArn`, not both. */
  readonly url?: pulumi.Input<string>;
  /** Reuse a provider that already exists (one per issuer per account): nothing is created. */
  readonly existingProviderArn?: pulumi.Input<string>;
  /** Audiences (client ids) tokens must carry. @default ["sts.amazonaws.com"] */
  readonly audiences?: readonly string[];
  /** Thumbprints; AWS no longer needs them for most public issuers. @default none */
  readonly thumbprints?: pulumi.Input<pulumi.Input<string>[]>;
  /** Tag `owner`. Required. */
  readonly owner: pulumi.Input<string>;
  /** Tag `purpose`. Required. */
  readonly purpose: pulumi.Input<string>;
  readonly tags?: Tags;
}

/** Checks url / existingProviderArn (pure part, exported for tests). */
export function checkProviderSource(subject: string, url: string | undefined | null, urlGiven: boolean, existing: string | undefined, existingGiven: boolean): void {
  if (urlGiven && existingGiven) fail(subject, "give url or existingProviderArn, not both: a provider is either created here or reused");
  if (!urlGiven && !existingGiven) fail(subject, "give url (to create a provider) or existingProviderArn (to reuse one)");
  if (url !== undefined && url !== null && !/^https:\/\/[^\s/*?]+(\/[^\s*?]*)?$/.test(url)) fail(subject, `url ${quote(url)} must be an https:// issuer URL without wildcards`);
  if (existing !== undefined) issuerHostOf(subject, "existingProviderArn", existing);
}

export class OidcProvider extends pulumi.ComponentResource {
  /** ARN of the provider (created or reused). */
  public readonly arn: pulumi.Output<string>;
  /** Issuer host and path, the prefix of the trust condition keys (`token.actions.githubusercontent.com`). */
  public readonly issuer: pulumi.Output<string>;
  /** The created provider; undefined when an existing one is reused. */
  public readonly provider?: aws.iam.OpenIdConnectProvider;

  constructor(name: string, args: OidcProviderArgs, opts?: pulumi.ComponentResourceOptions, type = "ai-access-guard:identity:OidcProvider", component = "OidcProvider") {
    super(type, name, {}, opts);
    const s = who(component, name);
    checkProviderSource(s, known(args.url), args.url !== undefined, known(args.existingProviderArn), args.existingProviderArn !== undefined);
    const audiences = checkAudiences(s, args.audiences);
    if (args.existingProviderArn !== undefined) {
      this.arn = pulumi.output(args.existingProviderArn);
      this.issuer = this.arn.apply((a) => issuerHostOf(s, "existingProviderArn", a));
    } else {
      checkOwnership(s, known(args.owner) ?? (args.owner === undefined ? undefined : "?"), known(args.purpose) ?? (args.purpose === undefined ? undefined : "?"), knownTags(args.tags));
      this.provider = new aws.iam.OpenIdConnectProvider(
        `${name}-provider`,
        { url: args.url!, clientIdLists: audiences, thumbprintLists: args.thumbprints, tags: withOwnership(args.tags, args.owner, args.purpose) },
        { parent: this },
      );
      this.arn = this.provider.arn;
      this.issuer = pulumi.output(args.url!).apply((u) => {
        checkProviderSource(s, u, true, undefined, false);
        return u.replace(/^https:\/\//, "").replace(/\/$/, "");
      });
    }
    this.registerOutputs({ arn: this.arn, issuer: this.issuer });
  }
}

export interface GithubActionsOidcProviderArgs extends Omit<OidcProviderArgs, "url"> {
  /** GitHub Enterprise Cloud with a unique issuer: the enterprise slug (`https://token.actions.githubusercontent.com/<slug>`). */
  readonly enterpriseSlug?: string;
}

/** The GitHub Actions provider, `https://token.actions.githubusercontent.com`. */
export class GithubActionsOidcProvider extends OidcProvider {
  constructor(name: string, args: GithubActionsOidcProviderArgs, opts?: pulumi.ComponentResourceOptions) {
    const slug = args.enterpriseSlug;
    if (slug !== undefined && !/^[A-Za-z0-9-]+$/.test(slug)) fail(who("GithubActionsOidcProvider", name), `enterpriseSlug ${quote(slug)} is not a GitHub enterprise slug`);
    if (slug !== undefined && args.existingProviderArn !== undefined) fail(who("GithubActionsOidcProvider", name), "give enterpriseSlug or existingProviderArn, not both");
    const url = args.existingProviderArn === undefined ? `https://${GITHUB_ISSUER}${slug ? `/${slug}` : ""}` : undefined;
    super(name, { ...args, url }, opts, "ai-access-guard:identity:GithubActionsOidcProvider", "GithubActionsOidcProvider");
  }
}

export interface GitlabOidcProviderArgs extends Omit<OidcProviderArgs, "url"> {
  /** GitLab host (self-managed or dedicated). @default "gitlab.com" */
  readonly host?: string;
}

/** The GitLab provider for gitlab.com or any self-managed host. */
export class GitlabOidcProvider extends OidcProvider {
  constructor(name: string, args: GitlabOidcProviderArgs, opts?: pulumi.ComponentResourceOptions) {
    const host = args.host ?? "gitlab.com";
    if (!/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(host)) fail(who("GitlabOidcProvider", name), `host ${quote(host)} is not a host name (e.g. gitlab.example.com)`);
    if (args.host !== undefined && args.existingProviderArn !== undefined) fail(who("GitlabOidcProvider", name), "give host or existingProviderArn, not both");
    const url = args.existingProviderArn === undefined ? `https://${host.replace(/\/$/, "")}` : undefined;
    super(name, { ...args, url }, opts, "ai-access-guard:identity:GitlabOidcProvider", "GitlabOidcProvider");
  }
}

export { DEFAULT_AUDIENCE };
