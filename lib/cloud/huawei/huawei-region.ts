/**
 * Huawei Cloud region names: `cn-north-4`, `ap-southeast-1`, `eu-west-101`, `my-kualalumpur-1`.
 * Every region id of the official SDKs' region files (DWS, TaurusDB, IAM, KMS, STS: see
 * test/conformance/data/*.json) has this shape, a two-letter area, one or more words and a
 * number; test/unit/cloud/region-patterns.test.ts holds them all against it. Synth validation
 * (lib/contract/rules.ts) and the endpoint resolver both use this one pattern.
 */
export const HUAWEI_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,3}$/;
