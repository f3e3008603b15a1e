"use strict";
// What a user would write instead of the hook: the official ACK client's DescribeClusterDetail.
const CsClient = require("@alicloud/cs20151215").default;
const { $OpenApiUtil } = require("@alicloud/openapi-core");
const [endpoint, clusterId] = process.argv.slice(2);
const client = new CsClient(
  new $OpenApiUtil.Config({
    accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    regionId: process.env.ALIBABA_CLOUD_REGION,
    endpoint,
    protocol: "http",
  }),
);
client.describeClusterDetail(clusterId).then(
  (r) => process.exit(r.statusCode === 200 ? 0 : 1),
  (e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  },
);
