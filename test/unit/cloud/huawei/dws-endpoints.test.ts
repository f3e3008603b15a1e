import { huaweiPublicEndpoint } from "../../../../lib/cloud/huawei/huawei-endpoints";

test.each([
  ["cn-north-4", "https://dws.cn-north-4.myhuaweicloud.com"],
  ["eu-west-101", "https://dws.eu-west-101.myhuaweicloud.eu"],
  ["cn-south-4", "https://dws.cn-south-4.myhuaweicloud.cn"],
  ["ap-southeast-4", "https://dws.ap-southeast-4.myhuaweicloud.cn"],
  ["ap-southeast-1", "https://dws.ap-southeast-1.myhuaweicloud.com"],
])("DWS endpoint of %s is %s", (region, endpoint) => {
  expect(huaweiPublicEndpoint("dws", region, {})).toBe(endpoint);
});
