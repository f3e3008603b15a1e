import { EMULATOR_CREDENTIALS } from "./emulator-credentials";

/**
 * Who exists in the emulated Huawei IAM: users (with the emulator's keys and a password),
 * agencies and who may assume them, an OpenID Connect identity provider and the agency attached
 * to the emulated ECS instance. Not secrets: they only open the local emulator.
 */
export const EMULATOR_IDENTITIES = {
  user: { name: "deployer", domainName: "acme", password: "emulator-password-deployer-0001" },
  agency: { name: "encryption-admin", domainName: "acme-prod", domainId: "d0acme0prod0000000000000000000001" },
  refusingAgency: { name: "audit-only", domainName: "acme-prod" },
  instanceAgency: { name: "ecs-runner", domainName: "acme" },
  identityProvider: { id: "github-ci", idToken: "emulator-oidc-id-token-0001" },
} as const;

export function huaweiIdentityWorld(): Record<string, unknown> {
  const hw = EMULATOR_CREDENTIALS.huawei;
  const id = EMULATOR_IDENTITIES;
  return {
    users: [
      { name: id.user.name, domain_name: id.user.domainName, password: id.user.password, access_keys: [hw.accessKey], tokens: [hw.authToken] },
      { name: "auditor", domain_name: id.user.domainName, access_keys: [hw.readOnlyAccessKey] },
    ],
    agencies: [
      {
        agency_name: id.agency.name,
        domain_name: id.agency.domainName,
        domain_id: id.agency.domainId,
        trusted: [`user ${id.user.name}`, `federated user of identity provider ${id.identityProvider.id}`, `agency ${id.instanceAgency.name} in domain ${id.instanceAgency.domainName}`],
      },
      { agency_name: id.refusingAgency.name, domain_name: id.refusingAgency.domainName, domain_id: "d0acme0prod0000000000000000000001", trusted: [] },
      { agency_name: id.instanceAgency.name, domain_name: id.instanceAgency.domainName, domain_id: "d0acme00000000000000000000000001", trusted: ["service ECS"] },
    ],
    identity_providers: [{ id: id.identityProvider.id, domain_name: id.user.domainName, accepted_tokens: [id.identityProvider.idToken] }],
    instance_agency: { agency_name: id.instanceAgency.name, domain_name: id.instanceAgency.domainName },
  };
}
