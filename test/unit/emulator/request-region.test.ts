import { regionFromHost } from "../../../lib/emulator/request-region";

test("the region a host name addresses, in each cloud's own region syntax", () => {
  expect(regionFromHost("gaussdbformysql.tr-west-1.myhuaweicloud.com")).toBe("tr-west-1");
  expect(regionFromHost("dws.eu-west-101.myhuaweicloud.eu")).toBe("eu-west-101");
  expect(regionFromHost("kms.cn-north-4.myhuaweicloud.cn")).toBe("cn-north-4");
  expect(regionFromHost("cs-vpc.cn-shanghai.aliyuncs.com:443")).toBe("cn-shanghai");
  expect(regionFromHost("sts.rus-west-1.aliyuncs.com")).toBe("rus-west-1");
});

test("central and loopback hosts name no region, nor does a label that is no region of that cloud", () => {
  expect(regionFromHost("cs.aliyuncs.com")).toBeUndefined();
  expect(regionFromHost("127.0.0.1:4599")).toBeUndefined();
  expect(regionFromHost(undefined)).toBeUndefined();
  expect(regionFromHost("dws.cn-hangzhou.myhuaweicloud.com")).toBeUndefined();
});
