/**
 * Alibaba Cloud region ids: `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`. The area is
 * two letters in the public regions and three in `rus-west-1` (the alicloud Terraform provider's
 * `alicloud/connectivity/regions.go`, RusWest1) and `rus-west-1-pop` (the endpoint maps of the
 * official `@alicloud/cs20151215` and `@alicloud/sts20150401` clients), so three are allowed.
 * test/unit/cloud/region-patterns.test.ts holds every id of those tables against it. Synth
 * validation (lib/contract/rules.ts) and the endpoint resolver both use this one pattern.
 */
export const ALIBABA_REGION_PATTERN = /^[a-z]{2,3}-[a-z]+(-[a-z0-9]+)*$/;
