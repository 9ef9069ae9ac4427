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
  aws_bedrockagentcore_api_key_credential_provider: {
    token: "aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider",
  },
  // The AI access path (issue 18). Singles derived from the @pulumi/aws 7.48 input types (nested
  // objects that are not arrays), to three levels; renames where @cdktf/provider-aws 21 differs.
  // Not mapped: aws_bedrockagentcore_resource_policy (absent from @cdktf/provider-aws 21).
  // Exclusive attachment sets
  aws_iam_role_policy_attachments_exclusive: { token: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive" },
  aws_iam_user_policy_attachments_exclusive: { token: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive" },
  aws_iam_group_policy_attachments_exclusive: { token: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive" },
  // Front doors
  aws_lambda_function_url: { token: "aws:lambda/functionUrl:FunctionUrl", singles: ["cors"] },
  aws_lambda_permission: { token: "aws:lambda/permission:Permission", renames: {function_name: "function"} },
  aws_api_gateway_method: { token: "aws:apigateway/method:Method", renames: {rest_api_id: "restApi"}, maps: ["request_models", "request_parameters"] },
  aws_api_gateway_integration: { token: "aws:apigateway/integration:Integration", renames: {rest_api_id: "restApi"}, singles: ["tls_config"], maps: ["request_parameters", "request_templates"] },
  aws_apigatewayv2_api: { token: "aws:apigatewayv2/api:Api", singles: ["cors_configuration"] },
  aws_apigatewayv2_route: { token: "aws:apigatewayv2/route:Route", renames: {request_parameter: "requestParameters"}, maps: ["request_models"] },
  aws_apigatewayv2_integration: { token: "aws:apigatewayv2/integration:Integration", singles: ["tls_config"], maps: ["request_parameters", "request_templates"] },
  aws_cognito_identity_pool: { token: "aws:cognito/identityPool:IdentityPool", maps: ["supported_login_providers"] },
  aws_cognito_identity_pool_roles_attachment: { token: "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment", renames: {role_mapping: "roleMappings", "role_mapping.mapping_rule": "mappingRules"}, maps: ["roles"] },
  aws_vpc_endpoint: { token: "aws:ec2/vpcEndpoint:VpcEndpoint", renames: {subnet_configuration: "subnetConfigurations"}, singles: ["dns_options"] },
  aws_vpc_endpoint_policy: { token: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy" },
  // Compute
  aws_sagemaker_notebook_instance: { token: "aws:sagemaker/notebookInstance:NotebookInstance", singles: ["instance_metadata_service_configuration"] },
  aws_sagemaker_domain: { token: "aws:sagemaker/domain:Domain", singles: ["default_space_settings", "default_space_settings.custom_file_system_configs.efs_file_system_config", "default_space_settings.custom_posix_user_config", "default_space_settings.jupyter_lab_app_settings", "default_space_settings.jupyter_lab_app_settings.app_lifecycle_management", "default_space_settings.jupyter_lab_app_settings.default_resource_spec", "default_space_settings.jupyter_lab_app_settings.emr_settings", "default_space_settings.jupyter_server_app_settings", "default_space_settings.jupyter_server_app_settings.default_resource_spec", "default_space_settings.kernel_gateway_app_settings", "default_space_settings.kernel_gateway_app_settings.default_resource_spec", "default_space_settings.space_storage_settings", "default_space_settings.space_storage_settings.default_ebs_storage_settings", "default_user_settings", "default_user_settings.canvas_app_settings", "default_user_settings.canvas_app_settings.direct_deploy_settings", "default_user_settings.canvas_app_settings.emr_serverless_settings", "default_user_settings.canvas_app_settings.generative_ai_settings", "default_user_settings.canvas_app_settings.kendra_settings", "default_user_settings.canvas_app_settings.model_register_settings", "default_user_settings.canvas_app_settings.time_series_forecasting_settings", "default_user_settings.canvas_app_settings.workspace_settings", "default_user_settings.code_editor_app_settings", "default_user_settings.code_editor_app_settings.app_lifecycle_management", "default_user_settings.code_editor_app_settings.default_resource_spec", "default_user_settings.custom_file_system_configs.efs_file_system_config", "default_user_settings.custom_posix_user_config", "default_user_settings.jupyter_lab_app_settings", "default_user_settings.jupyter_lab_app_settings.app_lifecycle_management", "default_user_settings.jupyter_lab_app_settings.default_resource_spec", "default_user_settings.jupyter_lab_app_settings.emr_settings", "default_user_settings.jupyter_server_app_settings", "default_user_settings.jupyter_server_app_settings.default_resource_spec", "default_user_settings.kernel_gateway_app_settings", "default_user_settings.kernel_gateway_app_settings.default_resource_spec", "default_user_settings.r_session_app_settings", "default_user_settings.r_session_app_settings.default_resource_spec", "default_user_settings.r_studio_server_pro_app_settings", "default_user_settings.sharing_settings", "default_user_settings.space_storage_settings", "default_user_settings.space_storage_settings.default_ebs_storage_settings", "default_user_settings.studio_web_portal_settings", "default_user_settings.tensor_board_app_settings", "default_user_settings.tensor_board_app_settings.default_resource_spec", "domain_settings", "domain_settings.docker_settings", "domain_settings.r_studio_server_pro_domain_settings", "domain_settings.r_studio_server_pro_domain_settings.default_resource_spec", "retention_policy"] },
  // Agents, tools and data
  aws_bedrockagent_agent_action_group: { token: "aws:bedrock/agentAgentActionGroup:AgentAgentActionGroup", singles: ["action_group_executor", "api_schema", "api_schema.s3", "function_schema", "function_schema.member_functions"] },
  aws_bedrockagent_agent_knowledge_base_association: { token: "aws:bedrock/agentAgentKnowledgeBaseAssociation:AgentAgentKnowledgeBaseAssociation" },
  aws_bedrockagent_knowledge_base: { token: "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase", singles: ["knowledge_base_configuration", "knowledge_base_configuration.managed_knowledge_base_configuration.embedding_model_configuration", "knowledge_base_configuration.vector_knowledge_base_configuration", "knowledge_base_configuration.vector_knowledge_base_configuration.embedding_model_configuration", "knowledge_base_configuration.vector_knowledge_base_configuration.supplemental_data_storage_configuration", "storage_configuration", "storage_configuration.mongo_db_atlas_configuration.field_mapping", "storage_configuration.neptune_analytics_configuration.field_mapping", "storage_configuration.opensearch_managed_cluster_configuration.field_mapping", "storage_configuration.opensearch_serverless_configuration", "storage_configuration.opensearch_serverless_configuration.field_mapping", "storage_configuration.pinecone_configuration", "storage_configuration.pinecone_configuration.field_mapping", "storage_configuration.rds_configuration", "storage_configuration.rds_configuration.field_mapping", "storage_configuration.redis_enterprise_cloud_configuration", "storage_configuration.redis_enterprise_cloud_configuration.field_mapping"] },
  aws_bedrockagent_data_source: { token: "aws:bedrock/agentDataSource:AgentDataSource", singles: ["data_source_configuration", "data_source_configuration.confluence_configuration", "data_source_configuration.confluence_configuration.crawler_configuration", "data_source_configuration.confluence_configuration.source_configuration", "data_source_configuration.s3_configuration", "data_source_configuration.salesforce_configuration", "data_source_configuration.salesforce_configuration.crawler_configuration", "data_source_configuration.salesforce_configuration.source_configuration", "data_source_configuration.share_point_configuration", "data_source_configuration.share_point_configuration.crawler_configuration", "data_source_configuration.share_point_configuration.source_configuration", "data_source_configuration.web_configuration", "data_source_configuration.web_configuration.crawler_configuration", "data_source_configuration.web_configuration.source_configuration", "server_side_encryption_configuration", "vector_ingestion_configuration", "vector_ingestion_configuration.chunking_configuration", "vector_ingestion_configuration.chunking_configuration.fixed_size_chunking_configuration", "vector_ingestion_configuration.chunking_configuration.hierarchical_chunking_configuration", "vector_ingestion_configuration.chunking_configuration.semantic_chunking_configuration", "vector_ingestion_configuration.custom_transformation_configuration", "vector_ingestion_configuration.custom_transformation_configuration.intermediate_storage", "vector_ingestion_configuration.custom_transformation_configuration.transformation", "vector_ingestion_configuration.parsing_configuration", "vector_ingestion_configuration.parsing_configuration.bedrock_foundation_model_configuration"] },
  aws_bedrockagent_flow: { token: "aws:bedrock/agentFlow:AgentFlow", singles: ["definition", "definition.connections.configuration", "definition.nodes.configuration"] },
  aws_bedrockagentcore_agent_runtime: { token: "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime", renames: {"authorizer_configuration.custom_jwt_authorizer.allowed_audience": "allowedAudiences", "agent_runtime_artifact.code_configuration.entry_point": "entryPoints", "request_header_configuration.request_header_allowlist": "requestHeaderAllowlists", lifecycle_configuration: "lifecycleConfigurations"}, singles: ["agent_runtime_artifact", "agent_runtime_artifact.code_configuration", "agent_runtime_artifact.code_configuration.code", "agent_runtime_artifact.container_configuration", "authorizer_configuration", "authorizer_configuration.custom_jwt_authorizer", "network_configuration", "network_configuration.network_mode_config", "protocol_configuration", "request_header_configuration"], maps: ["environment_variables"] },
  aws_bedrockagentcore_gateway: { token: "aws:bedrock/agentcoreGateway:AgentcoreGateway", renames: {"authorizer_configuration.custom_jwt_authorizer.allowed_audience": "allowedAudiences", interceptor_configuration: "interceptorConfigurations"}, singles: ["authorizer_configuration", "authorizer_configuration.custom_jwt_authorizer", "interceptor_configuration.input_configuration", "interceptor_configuration.interceptor", "interceptor_configuration.interceptor.lambda", "protocol_configuration", "protocol_configuration.mcp"] },
  aws_bedrockagentcore_gateway_target: { token: "aws:bedrock/agentcoreGatewayTarget:AgentcoreGatewayTarget", singles: ["credential_provider_configuration", "credential_provider_configuration.api_key", "credential_provider_configuration.gateway_iam_role", "credential_provider_configuration.oauth", "target_configuration", "target_configuration.mcp", "target_configuration.mcp.lambda", "target_configuration.mcp.mcp_server", "target_configuration.mcp.open_api_schema", "target_configuration.mcp.smithy_model"] },
  aws_bedrockagentcore_oauth2_credential_provider: { token: "aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider", singles: ["oauth2_provider_config", "oauth2_provider_config.custom_oauth2_provider_config", "oauth2_provider_config.custom_oauth2_provider_config.oauth_discovery", "oauth2_provider_config.github_oauth2_provider_config", "oauth2_provider_config.google_oauth2_provider_config", "oauth2_provider_config.microsoft_oauth2_provider_config", "oauth2_provider_config.salesforce_oauth2_provider_config", "oauth2_provider_config.slack_oauth2_provider_config"] },
  aws_opensearchserverless_collection: { token: "aws:opensearch/serverlessCollection:ServerlessCollection" },
  aws_opensearchserverless_access_policy: { token: "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy" },
  aws_opensearchserverless_security_policy: { token: "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy" },
  // Resource policies and the audit trail
  aws_kms_key_policy: { token: "aws:kms/keyPolicy:KeyPolicy" },
  aws_s3_bucket_policy: { token: "aws:s3/bucketPolicy:BucketPolicy" },
  aws_cloudwatch_log_group: { token: "aws:cloudwatch/logGroup:LogGroup" },
  aws_cloudtrail: { token: "aws:cloudtrail/trail:Trail", renames: {advanced_event_selector: "advancedEventSelectors", "advanced_event_selector.field_selector": "fieldSelectors", "advanced_event_selector.field_selector.starts_with": "startsWiths", "advanced_event_selector.field_selector.ends_with": "endsWiths", "advanced_event_selector.field_selector.not_starts_with": "notStartsWiths", "advanced_event_selector.field_selector.not_ends_with": "notEndsWiths", event_selector: "eventSelectors", "event_selector.data_resource": "dataResources", insight_selector: "insightSelectors"} },
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
