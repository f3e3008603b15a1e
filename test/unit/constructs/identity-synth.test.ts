import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AckCluster, AssumedIdentity, BackupEncryption, ContextKeys, DwsCluster, EncryptedCluster, Identity, KeyRotationPolicy } from "../../../lib";
import { kindOf } from "../../../lib/kinds/index";
import { SpecMap } from "../../../lib/contract/spec";
import { synthErrors } from "../../support/synth-validated";

const INSTANCE = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const ACK = AckCluster.fromId({ region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" });
const ROLE_ARN = "acs:ram::1234567890123456:role/encryption-admin";
const AGENCY = AssumedIdentity.huaweiAgency({ agencyName: "encryption-admin", domainName: "acme-prod" });
const ROLE = AssumedIdentity.alibabaRole({ roleArn: ROLE_ARN });

function stack(name = "prod"): TerraformStack {
  const app: App = Testing.app({ context: { [ContextKeys.SYNTH_TIME]: "2030-01-01T00:00:00Z" } });
  return new TerraformStack(app, name);
}

function backups(scope: Construct, id = "orders", identity?: AssumedIdentity): BackupEncryption {
  return new BackupEncryption(scope, id, { instance: INSTANCE, kmsKeyId: KEY, identity });
}

function ack(scope: Construct, identity?: AssumedIdentity): EncryptedCluster {
  return new EncryptedCluster(scope, "payments-k8s", { cluster: ACK, masterKey: { id: "key-hzz6payments0secrets01" }, identity });
}

/** The Spec a hook holds, checked by its kind's parser as the hook would. */
function parsed(spec: SpecMap): unknown {
  return kindOf(spec).parse(spec);
}

describe("where the identity comes from", () => {
  test("no identity declared: the Spec has no identity field, so existing stacks' triggers do not change", () => {
    const s = stack();
    const spec = backups(s).hook.spec;
    expect(Object.keys(spec).filter((k) => k.startsWith("assume_"))).toEqual([]);
    expect(synthErrors(s)).toEqual([]);
  });

  test("a stack's identity reaches every encryption construct in it, as names only, and the hook's parser reads it", () => {
    const s = stack();
    Identity.of(s).assume(AGENCY);
    const spec = backups(s).hook.spec;
    expect(spec).toMatchObject({ assume_agency_name: "encryption-admin", assume_agency_domain_name: "acme-prod" });
    expect(parsed(spec)).toMatchObject({ identity: { cloud: "huaweicloud", agencyName: "encryption-admin", domainName: "acme-prod" } });
    expect(synthErrors(s)).toEqual([]);
  });

  test("the nearest scope wins, and a construct's own identity wins over every scope", () => {
    const s = stack();
    Identity.of(s.node.root).assume(AssumedIdentity.huaweiAgency({ agencyName: "app-wide", domainName: "acme" }));
    Identity.of(s).assume(AGENCY);
    const team = new Construct(s, "team");
    Identity.of(team).assume(AssumedIdentity.huaweiAgency({ agencyName: "team-agency", domainId: "d0acme0team" }));
    const byTeam = backups(team, "by-team");
    const own = new KeyRotationPolicy(team, "rotation", {
      cluster: DwsCluster.fromId({ region: "cn-north-4", projectId: INSTANCE.projectId, clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" }),
      identity: AssumedIdentity.huaweiAgency({ agencyName: "rotation-only", domainName: "acme-prod" }),
    });
    const byStack = ack(s, ROLE);
    expect(byTeam.hook.spec).toMatchObject({ assume_agency_name: "team-agency", assume_agency_domain_id: "d0acme0team" });
    expect(byTeam.hook.spec.assume_agency_domain_name).toBeUndefined();
    expect(own.hook.spec).toMatchObject({ assume_agency_name: "rotation-only" });
    expect(byStack.hook.spec).toMatchObject({ assume_role_arn: ROLE_ARN });
    expect(synthErrors(s)).toEqual([]);
  });

  test("an identity declared after the constructs of its scope were created still applies to them", () => {
    const s = stack();
    const orders = backups(s);
    Identity.of(s).assume(AGENCY);
    expect(orders.hook.spec).toMatchObject({ assume_agency_name: "encryption-admin", assume_agency_domain_name: "acme-prod" });
    expect(synthErrors(s)).toEqual([]);
  });
});

describe("refused at synth, naming the prop, the value and what is allowed", () => {
  test("a Huawei agency on an Alibaba resource, and an Alibaba role on a Huawei resource", () => {
    const s = stack();
    ack(s, AGENCY);
    backups(s, "orders", ROLE);
    const errors = synthErrors(s);
    expect(errors).toContainEqual(
      `[prod/payments-k8s] EncryptedCluster: identity AssumedIdentity.huaweiAgency({"agencyName":"encryption-admin","domainName":"acme-prod"}) is invalid: expected an Alibaba Cloud identity (AssumedIdentity.alibabaRole): the resource is in Alibaba Cloud`,
    );
    expect(errors).toContainEqual(
      `[prod/orders] BackupEncryption: identity AssumedIdentity.alibabaRole({"roleArn":"${ROLE_ARN}"}) is invalid: expected a Huawei Cloud identity (AssumedIdentity.huaweiAgency): the resource is in Huawei Cloud`,
    );
  });

  test("a scope's identity of the wrong cloud names the scope it came from", () => {
    const s = stack();
    Identity.of(s).assume(ROLE);
    backups(s);
    expect(synthErrors(s)).toEqual([expect.stringContaining("[prod/orders] BackupEncryption: identity (from Identity.of(prod)) AssumedIdentity.alibabaRole(")]);
  });

  test.each([
    [AssumedIdentity.alibabaRole({ roleArn: "acs:ram::1234567890123456:user/deployer" }), 'identity.roleArn "acs:ram::1234567890123456:user/deployer" is invalid: expected a RAM role ARN acs:ram::<account id>:role/<name>'],
    [AssumedIdentity.alibabaRole({ roleArn: "arn:aws:iam::123456789012:role/x" }), 'identity.roleArn "arn:aws:iam::123456789012:role/x" is invalid'],
    [AssumedIdentity.alibabaRole({ roleArn: "acs:ram::acme:role/x" }), 'identity.roleArn "acs:ram::acme:role/x" is invalid'],
    [AssumedIdentity.alibabaRole({ roleArn: `acs:ram::1234567890123456:role/${"r".repeat(65)}` }), "identity.roleArn"],
    [AssumedIdentity.alibabaRole({ roleArn: ROLE_ARN, sessionName: "x" }), 'identity.sessionName "x" is invalid: expected a session name of 2 to 64 letters, digits, ., @, - or _'],
  ])("Alibaba role %#", (identity, message) => {
    const s = stack();
    ack(s, identity);
    expect(synthErrors(s)).toEqual([expect.stringContaining(message)]);
  });

  test.each([
    [AssumedIdentity.huaweiAgency({ agencyName: "encryption admin", domainName: "acme-prod" }), 'identity.agencyName "encryption admin" is invalid: expected an IAM agency name of 1 to 64 characters'],
    [AssumedIdentity.huaweiAgency({ agencyName: "a".repeat(65), domainName: "acme-prod" }), "identity.agencyName"],
    [AssumedIdentity.huaweiAgency({ agencyName: "", domainName: "acme-prod" }), 'identity.agencyName "" is invalid'],
    [AssumedIdentity.huaweiAgency({ agencyName: "encryption-admin" }), "identity.domainName is missing: expected a Huawei Cloud account (domain) name"],
    [AssumedIdentity.huaweiAgency({ agencyName: "encryption-admin", domainName: "acme/prod" }), 'identity.domainName "acme/prod" is invalid'],
  ])("Huawei agency %#", (identity, message) => {
    const s = stack();
    backups(s, "orders", identity);
    expect(synthErrors(s)).toEqual([expect.stringContaining(message)]);
  });

  test("not an AssumedIdentity", () => {
    const s = stack();
    backups(s, "orders", { roleArn: ROLE_ARN } as unknown as AssumedIdentity);
    expect(synthErrors(s)).toEqual([expect.stringContaining('identity {"roleArn":"acs:ram::1234567890123456:role/encryption-admin"} is invalid: expected AssumedIdentity.huaweiAgency(…) or AssumedIdentity.alibabaRole(…)')]);
  });
});

describe("the hook's parser refuses identity fields that do not belong", () => {
  test("a domain without an agency, and a session name without a role", () => {
    const s = stack();
    const huawei = backups(s).hook.spec;
    const alibaba = ack(s).hook.spec;
    expect(() => parsed({ ...huawei, assume_agency_domain_name: "acme-prod" })).toThrow("Spec field assume_agency_domain_name \"acme-prod\" is invalid: expected no value without assume_agency_name");
    expect(() => parsed({ ...huawei, assume_agency_name: "encryption-admin" })).toThrow("Spec field assume_agency_domain_name is missing");
    expect(() => parsed({ ...alibaba, assume_role_session_name: "x1" })).toThrow("expected no value without assume_role_arn");
    expect(() => parsed({ ...alibaba, assume_role_arn: "acs:ram::1:user/x" })).toThrow('Spec field assume_role_arn "acs:ram::1:user/x" is invalid');
    expect(() => parsed({ ...huawei, assume_role_arn: ROLE_ARN })).toThrow("Spec field assume_role_arn is unknown to taurusdb.backup-encryption");
  });
});

test("a KeyRotationPolicy of an EncryptedCluster with its own identity is managed as it too, unless it names another", () => {
  const s = stack();
  const dws = DwsCluster.fromId({ region: "cn-north-4", projectId: INSTANCE.projectId, clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" });
  const warehouse = new EncryptedCluster(s, "warehouse", { cluster: dws, masterKey: { id: KEY }, identity: AGENCY });
  const inherited = new KeyRotationPolicy(s, "rotation", { cluster: warehouse });
  const other = new KeyRotationPolicy(new Construct(s, "other"), "rotation", {
    cluster: warehouse,
    identity: AssumedIdentity.huaweiAgency({ agencyName: "rotation-only", domainName: "acme-prod" }),
  });
  expect(warehouse.hook.spec.assume_agency_name).toBe("encryption-admin");
  expect(inherited.hook.spec.assume_agency_name).toBe("encryption-admin");
  expect(other.hook.spec.assume_agency_name).toBe("rotation-only");
});
