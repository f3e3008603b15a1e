import { parseAlibabaScope, parseHuaweiScope, scopeKey, scopeName } from "../../../lib/audit/audit-scope";

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const ROLE = "acs:ram::1234567890123456:role/encryption-admin";

test("a flag's scope names the identity it is read as after @", () => {
  const byName = parseHuaweiScope(`cn-north-4:${PROJECT}@encryption-admin/acme-prod`);
  const byId = parseHuaweiScope(`cn-north-4:${PROJECT}@encryption-admin/id:0acme0prod1`);
  const role = parseAlibabaScope(`cn-hangzhou@${ROLE}`);
  expect(byName).toEqual({ cloud: "huawei", region: "cn-north-4", projectId: PROJECT, identity: { cloud: "huaweicloud", agencyName: "encryption-admin", domainName: "acme-prod" } });
  expect(byId).toMatchObject({ identity: { agencyName: "encryption-admin", domainId: "0acme0prod1" } });
  expect(role).toEqual({ cloud: "alibaba", region: "cn-hangzhou", identity: { cloud: "alibabacloud", roleArn: ROLE } });
  expect(scopeName(byName)).toBe(`Huawei Cloud cn-north-4 project ${PROJECT} as agency encryption-admin in domain acme-prod`);
  expect(scopeName(role)).toBe(`Alibaba Cloud cn-hangzhou as role ${ROLE}`);
  // A place read as two identities is two scopes; without an identity, the key is as before.
  expect(new Set([scopeKey(byName), scopeKey(byId), scopeKey(parseHuaweiScope(`cn-north-4:${PROJECT}`))]).size).toBe(3);
  expect(scopeKey(parseAlibabaScope("cn-hangzhou"))).toBe("alibaba/cn-hangzhou");
});

test.each([
  [() => parseHuaweiScope(`cn-north-4:${PROJECT}@encryption-admin`), "--huawei"],
  [() => parseHuaweiScope(`cn-north-4:${PROJECT}@/acme-prod`), "--huawei"],
  [() => parseHuaweiScope(`cn-north-4:${PROJECT}@encryption admin/acme-prod`), "--huawei"],
  [() => parseAlibabaScope("cn-hangzhou@acs:ram::1234567890123456:user/x"), "--alibaba"],
  [() => parseAlibabaScope("cn-hangzhou@"), "--alibaba"],
])("a malformed identity in a flag is refused with the form expected (%#)", (parse, flag) => {
  expect(parse).toThrow(new RegExp(`^${flag} ".*" is invalid: expected .*@`));
});
