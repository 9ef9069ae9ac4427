/**
 * Terraform resource type → Pulumi type token, plus the few attribute names that do not follow the
 * generic snake_case → camelCase rule. Data only: adding a type is one entry.
 *
 * Pulumi's bridge renames list attributes to plurals (`inline_policy` → `inlinePolicies`) and
 * flattens max-1 nested blocks to a single object (`environment`, `rotation_rules`); Terraform
 * (plan JSON) writes every nested block as a list. The entries below were derived by comparing the
 * generated `@cdktf/provider-aws` 21 bindings (Terraform names, block nesting) with the
 * `@pulumi/aws` 7.48 Args interfaces, and test/terraform/type-map.test.ts re-checks every token and
 * renamed name against the installed `@pulumi/aws` declarations.
 *
 * Paths are dotted Terraform attribute names without list indices (`logging_config.s3_config`).
 */
export interface TerraformTypeSpec {
  /** Pulumi type token. */
  readonly token: string;
  /** Terraform path → Pulumi property name (last segment only), for renamed/plural attributes. */
  readonly renames?: Readonly<Record<string, string>>;
  /** Max-1 nested blocks that Pulumi models as one object: `[{…}]` → `{…}`. */
  readonly singles?: readonly string[];
  /** Map-typed attributes whose keys are user data (kept as written), besides `tags`-like ones. */
  readonly maps?: readonly string[];
}

/** Attributes whose keys are user data on every resource type. */
export const GLOBAL_MAP_ATTRIBUTES: ReadonlySet<string> = new Set(["tags", "tags_all", "volume_tags"]);

/** Attributes that have no Pulumi input (resource options there): dropped at the top level. */
export const DROPPED_ATTRIBUTES: ReadonlySet<string> = new Set(["id", "timeouts"]);

const SECRET_ROTATION_SINGLES = ["rotation_rules"];

export const TERRAFORM_TYPES: Readonly<Record<string, TerraformTypeSpec>> = {
  // IAM credentials
  aws_iam_access_key: { token: "aws:iam/accessKey:AccessKey" },
  aws_iam_service_specific_credential: { token: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential" },
  aws_iam_user_login_profile: { token: "aws:iam/userLoginProfile:UserLoginProfile" },
  // IAM principals and policies
  aws_iam_role: { token: "aws:iam/role:Role", renames: { inline_policy: "inlinePolicies" } },
  aws_iam_user: { token: "aws:iam/user:User" },
  aws_iam_group: { token: "aws:iam/group:Group" },
  aws_iam_instance_profile: { token: "aws:iam/instanceProfile:InstanceProfile" },
  aws_iam_policy: { token: "aws:iam/policy:Policy" },
  aws_iam_role_policy: { token: "aws:iam/rolePolicy:RolePolicy" },
  aws_iam_user_policy: { token: "aws:iam/userPolicy:UserPolicy" },
  aws_iam_group_policy: { token: "aws:iam/groupPolicy:GroupPolicy" },
  aws_iam_role_policy_attachment: { token: "aws:iam/rolePolicyAttachment:RolePolicyAttachment" },
  aws_iam_user_policy_attachment: { token: "aws:iam/userPolicyAttachment:UserPolicyAttachment" },
  aws_iam_group_policy_attachment: { token: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment" },
  aws_iam_policy_attachment: { token: "aws:iam/policyAttachment:PolicyAttachment" },
  aws_iam_role_policies_exclusive: { token: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive" },
  aws_iam_group_membership: { token: "aws:iam/groupMembership:GroupMembership" },
  aws_iam_user_group_membership: { token: "aws:iam/userGroupMembership:UserGroupMembership" },
  aws_iam_openid_connect_provider: {
    token: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    renames: { client_id_list: "clientIdLists", thumbprint_list: "thumbprintLists" },
  },
  // Secrets and parameters
  aws_secretsmanager_secret: { token: "aws:secretsmanager/secret:Secret", renames: { replica: "replicas" } },
  aws_secretsmanager_secret_rotation: { token: "aws:secretsmanager/secretRotation:SecretRotation", singles: SECRET_ROTATION_SINGLES },
  aws_secretsmanager_secret_policy: { token: "aws:secretsmanager/secretPolicy:SecretPolicy" },
  aws_secretsmanager_secret_version: { token: "aws:secretsmanager/secretVersion:SecretVersion" },
  aws_ssm_parameter: { token: "aws:ssm/parameter:Parameter" },
  aws_kms_key: { token: "aws:kms/key:Key" },
  // Workloads
  aws_lambda_function: {
    token: "aws:lambda/function:Function",
    renames: { function_name: "name", "image_config.command": "commands", "image_config.entry_point": "entryPoints" },
    singles: [
      "capacity_provider_config",
      "capacity_provider_config.lambda_managed_instances_capacity_provider_config",
      "dead_letter_config",
      "durable_config",
      "environment",
      "ephemeral_storage",
      "file_system_config",
      "image_config",
      "logging_config",
      "snap_start",
      "tenancy_config",
      "tracing_config",
      "vpc_config",
    ],
    maps: ["environment.variables"],
  },
  aws_ecs_task_definition: {
    token: "aws:ecs/taskDefinition:TaskDefinition",
    renames: { volume: "volumes" },
    singles: [
      "ephemeral_storage",
      "proxy_configuration",
      "runtime_platform",
      "volume.docker_volume_configuration",
      "volume.efs_volume_configuration",
      "volume.efs_volume_configuration.authorization_config",
      "volume.fsx_windows_file_server_volume_configuration",
      "volume.fsx_windows_file_server_volume_configuration.authorization_config",
    ],
    maps: ["proxy_configuration.properties", "volume.docker_volume_configuration.driver_opts", "volume.docker_volume_configuration.labels"],
  },
  aws_instance: {
    token: "aws:ec2/instance:Instance",
    renames: { ebs_block_device: "ebsBlockDevices", ephemeral_block_device: "ephemeralBlockDevices", network_interface: "networkInterfaces" },
    singles: [
      "capacity_reservation_specification",
      "capacity_reservation_specification.capacity_reservation_target",
      "cpu_options",
      "credit_specification",
      "enclave_options",
      "instance_market_options",
      "instance_market_options.spot_options",
      "launch_template",
      "maintenance_options",
      "metadata_options",
      "primary_network_interface",
      "private_dns_name_options",
      "root_block_device",
    ],
  },
  aws_launch_template: {
    token: "aws:ec2/launchTemplate:LaunchTemplate",
    renames: { license_specification: "licenseSpecifications" },
    singles: [
      "block_device_mappings.ebs",
      "capacity_reservation_specification",
      "capacity_reservation_specification.capacity_reservation_target",
      "cpu_options",
      "credit_specification",
      "enclave_options",
      "hibernation_options",
      "iam_instance_profile",
      "instance_market_options",
      "instance_market_options.spot_options",
      "instance_requirements",
      "instance_requirements.accelerator_count",
      "instance_requirements.accelerator_total_memory_mib",
      "instance_requirements.baseline_ebs_bandwidth_mbps",
      "instance_requirements.memory_gib_per_vcpu",
      "instance_requirements.memory_mib",
      "instance_requirements.network_bandwidth_gbps",
      "instance_requirements.network_interface_count",
      "instance_requirements.total_local_storage_gb",
      "instance_requirements.vcpu_count",
      "maintenance_options",
      "metadata_options",
      "monitoring",
      "network_interfaces.connection_tracking_specification",
      "network_interfaces.ena_srd_specification",
      "network_interfaces.ena_srd_specification.ena_srd_udp_specification",
      "placement",
      "private_dns_name_options",
    ],
  },
  aws_eks_pod_identity_association: { token: "aws:eks/podIdentityAssociation:PodIdentityAssociation" },
  // AI services
  aws_bedrock_model_invocation_logging_configuration: {
    token: "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
    singles: ["logging_config", "logging_config.cloudwatch_config", "logging_config.cloudwatch_config.large_data_delivery_s3_config", "logging_config.s3_config"],
  },
  aws_bedrockagent_agent: {
    token: "aws:bedrock/agentAgent:AgentAgent",
    renames: {
      guardrail_configuration: "guardrailConfigurations",
      memory_configuration: "memoryConfigurations",
      prompt_override_configuration: "promptOverrideConfigurations",
      "prompt_override_configuration.prompt_configurations.inference_configuration": "inferenceConfigurations",
    },
  },
  aws_bedrockagentcore_oauth2_credential_provider: {
    token: "aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider",
  },
  aws_bedrockagentcore_api_key_credential_provider: {
    token: "aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider",
  },
};

/** The generic rule: `assume_role_policy` → `assumeRolePolicy`; anything not lower snake_case is kept. */
export function camelCase(name: string): string {
  if (!/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(name)) return name;
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const pascal = (s: string) => {
  const c = camelCase(s);
  return c.charAt(0).toUpperCase() + c.slice(1);
};

/**
 * The Pulumi token for a Terraform type: from the map, else a best-effort guess
 * (`aws_s3_bucket` → `aws:s3/bucket:Bucket`, `aws_vpc` → `aws:index/vpc:Vpc`) so that rules that
 * read any resource (e.g. embedded secrets) still see it.
 */
export function pulumiTokenFor(terraformType: string): { token: string; mapped: boolean } {
  const spec = Object.prototype.hasOwnProperty.call(TERRAFORM_TYPES, terraformType) ? TERRAFORM_TYPES[terraformType] : undefined;
  if (spec) return { token: spec.token, mapped: true };
  const parts = terraformType.split("_").filter(Boolean);
  if (parts.length < 2) return { token: `${terraformType}:index/${terraformType}:${pascal(terraformType)}`, mapped: false };
  const [provider, ...rest] = parts;
  const [module, resource] = rest.length === 1 ? ["index", rest] : [rest[0], rest.slice(1)];
  const res = resource.join("_");
  return { token: `${provider}:${module}/${camelCase(res)}:${pascal(res)}`, mapped: false };
}
