import { alibabaBaseUrl } from "../../../lib/cloud/alibaba/alibaba-endpoints";
import { ConfigError } from "../../../lib/runtime/config-error";
import { huaweiBaseUrl } from "../../../lib/cloud/huawei/huawei-endpoints";
import { closeRoutes, describeRoute, noProxyEntryFor, routeFor } from "../../../lib/cloud/network-route";

afterAll(() => closeRoutes());

describe("per-service endpoint overrides", () => {
  const env = {
    CDKTF_ENCRYPTION_ENDPOINT: "https://gateway.bank.example",
    CDKTF_ENCRYPTION_ENDPOINT_DWS: "https://dws.private.bank.example:8443",
    CDKTF_ENCRYPTION_ENDPOINT_ACK: "https://ack.private.bank.example",
  };

  test("a service's own variable wins over the global one, which still moves the others", () => {
    expect(huaweiBaseUrl("dws", "cn-north-4", env).href).toBe("https://dws.private.bank.example:8443/");
    expect(huaweiBaseUrl("taurusdb", "cn-north-4", env).href).toBe("https://gateway.bank.example/");
    expect(alibabaBaseUrl("cs", "cn-hangzhou", env).href).toBe("https://ack.private.bank.example/");
    expect(alibabaBaseUrl("sts", "cn-hangzhou", env).href).toBe("https://gateway.bank.example/");
  });

  test("each service has its own variable", () => {
    const one = (name: string, value = "https://private.example") => ({ [name]: value });
    expect(huaweiBaseUrl("taurusdb", "cn-east-3", one("CDKTF_ENCRYPTION_ENDPOINT_TAURUSDB")).host).toBe("private.example");
    expect(huaweiBaseUrl("iam", "cn-east-3", one("CDKTF_ENCRYPTION_ENDPOINT_IAM")).host).toBe("private.example");
    expect(huaweiBaseUrl("kms", "cn-east-3", one("CDKTF_ENCRYPTION_ENDPOINT_HUAWEI_KMS")).host).toBe("private.example");
    expect(alibabaBaseUrl("sts", "cn-hangzhou", one("CDKTF_ENCRYPTION_ENDPOINT_STS")).host).toBe("private.example");
    expect(alibabaBaseUrl("kms", "cn-hangzhou", one("CDKTF_ENCRYPTION_ENDPOINT_ALIBABA_KMS")).host).toBe("private.example");
    // Not moved by another service's variable.
    expect(huaweiBaseUrl("dws", "cn-east-3", one("CDKTF_ENCRYPTION_ENDPOINT_TAURUSDB")).host).toBe("dws.cn-east-3.myhuaweicloud.com");
    expect(huaweiBaseUrl("kms", "cn-east-3", {}).host).toBe("kms.cn-east-3.myhuaweicloud.com");
    expect(alibabaBaseUrl("kms", "cn-shanghai", {}).host).toBe("kms.cn-shanghai.aliyuncs.com");
  });

  test("a per-service variable with plain http to a network host is refused, naming the variable", () => {
    expect(() => huaweiBaseUrl("dws", "cn-north-4", { CDKTF_ENCRYPTION_ENDPOINT_DWS: "http://10.1.2.3" })).toThrow(
      'CDKTF_ENCRYPTION_ENDPOINT_DWS "http://10.1.2.3" uses plain http to a non-loopback host',
    );
  });

  test("CDKTF_ENCRYPTION_ACK_VPC_ENDPOINT=true sends ACK, and only ACK, to cs-vpc.{region}", () => {
    const env = { CDKTF_ENCRYPTION_ACK_VPC_ENDPOINT: "true" };
    expect(alibabaBaseUrl("cs", "cn-shanghai", env).href).toBe("https://cs-vpc.cn-shanghai.aliyuncs.com/");
    expect(alibabaBaseUrl("sts", "cn-shanghai", env).href).toBe("https://sts.cn-shanghai.aliyuncs.com/");
    expect(alibabaBaseUrl("cs", "cn-shanghai", { CDKTF_ENCRYPTION_ACK_VPC_ENDPOINT: "false" }).host).toBe("cs.cn-shanghai.aliyuncs.com");
    expect(() => alibabaBaseUrl("cs", "cn-shanghai", { CDKTF_ENCRYPTION_ACK_VPC_ENDPOINT: "vpc" })).toThrow(
      'CDKTF_ENCRYPTION_ACK_VPC_ENDPOINT "vpc" is not a switch: expected true or false',
    );
  });
});

describe("CDKTF_ENCRYPTION_CONNECT_TO", () => {
  test("http to loopback: the public host is kept (Host header, signature), spoken in plain http, dialled at the address", () => {
    const env = { CDKTF_ENCRYPTION_CONNECT_TO: "http://127.0.0.1:4599" };
    const url = huaweiBaseUrl("taurusdb", "tr-west-1", env);
    expect(url.href).toBe("http://gaussdbformysql.tr-west-1.myhuaweicloud.com/");
    const route = routeFor(url, { ...env, HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9" });
    expect(route.connectTo).toMatchObject({ hostname: "127.0.0.1", port: 4599, protocol: "http:" });
    expect(route.proxy).toBeUndefined();
    expect(describeRoute(route)).toBe("connects to http://127.0.0.1:4599 (CDKTF_ENCRYPTION_CONNECT_TO), no proxy");
  });

  test("an address without scheme means https: the URL stays https and names the public host", () => {
    const env = { CDKTF_ENCRYPTION_CONNECT_TO: "10.1.2.3" };
    expect(alibabaBaseUrl("cs", "cn-hangzhou", env).href).toBe("https://cs.cn-hangzhou.aliyuncs.com/");
    expect(routeFor(new URL("https://cs.cn-hangzhou.aliyuncs.com"), env).connectTo).toMatchObject({ hostname: "10.1.2.3", port: 443, protocol: "https:" });
  });

  test("plain http to a network address, or a path, is refused", () => {
    expect(() => huaweiBaseUrl("dws", "cn-north-4", { CDKTF_ENCRYPTION_CONNECT_TO: "http://10.1.2.3:80" })).toThrow(ConfigError);
    expect(() => huaweiBaseUrl("dws", "cn-north-4", { CDKTF_ENCRYPTION_CONNECT_TO: "http://10.1.2.3:80" })).toThrow("uses plain http to a non-loopback address");
    expect(() => huaweiBaseUrl("dws", "cn-north-4", { CDKTF_ENCRYPTION_CONNECT_TO: "https://10.1.2.3/dws" })).toThrow("and no path");
  });
});

describe("proxy routing", () => {
  const dws = new URL("https://dws.cn-north-4.myhuaweicloud.com");

  test("https requests use HTTPS_PROXY, lower-case first; credentials in the proxy URL are never shown", () => {
    const route = routeFor(dws, { HTTPS_PROXY: "http://user:pa55word@proxy.bank.example:3128", https_proxy: "http://lower.bank.example:3128" });
    expect(route.proxy).toEqual({ url: "http://lower.bank.example:3128", variable: "https_proxy" });
    const upper = routeFor(dws, { HTTPS_PROXY: "http://user:pa55word@proxy.bank.example:3128" });
    expect(describeRoute(upper)).toBe("through proxy http://proxy.bank.example:3128 (HTTPS_PROXY)");
  });

  test("https falls back to HTTP_PROXY as undici's EnvHttpProxyAgent does; an empty value means no proxy", () => {
    expect(routeFor(dws, { HTTP_PROXY: "proxy.bank.example:3128" }).proxy).toEqual({ url: "http://proxy.bank.example:3128", variable: "HTTP_PROXY" });
    expect(routeFor(dws, { https_proxy: "", HTTPS_PROXY: "http://proxy:3128" }).proxy).toBeUndefined();
  });

  test("NO_PROXY names hosts, domains, host:port, IPs and CIDR blocks that go direct", () => {
    const env = (value: string) => ({ NO_PROXY: value });
    expect(noProxyEntryFor(dws, env("myhuaweicloud.com"))).toBe("myhuaweicloud.com");
    expect(noProxyEntryFor(dws, env("other.example, .myhuaweicloud.com"))).toBe(".myhuaweicloud.com");
    expect(noProxyEntryFor(dws, env("*.myhuaweicloud.com"))).toBe("*.myhuaweicloud.com");
    expect(noProxyEntryFor(dws, env("dws.cn-north-4.myhuaweicloud.com:443"))).toBe("dws.cn-north-4.myhuaweicloud.com:443");
    expect(noProxyEntryFor(dws, env("dws.cn-north-4.myhuaweicloud.com:8443"))).toBeUndefined();
    expect(noProxyEntryFor(dws, env("huaweicloud.com"))).toBeUndefined();
    expect(noProxyEntryFor(new URL("https://10.20.30.40"), env("10.0.0.0/8"))).toBe("10.0.0.0/8");
    expect(noProxyEntryFor(new URL("https://11.20.30.40"), env("10.0.0.0/8"))).toBeUndefined();
    expect(noProxyEntryFor(dws, { no_proxy: "*" })).toBe("no_proxy=*");
    const route = routeFor(dws, { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: ".myhuaweicloud.com" });
    expect(route.proxy).toBeUndefined();
    expect(describeRoute(route)).toBe("direct (NO_PROXY entry .myhuaweicloud.com)");
  });

  test("plain http is never sent through a proxy off loopback; unsupported proxy schemes are named", () => {
    expect(() => routeFor(new URL("http://127.0.0.1:4599"), { HTTP_PROXY: "http://proxy.bank.example:3128" })).toThrow(
      "HTTP_PROXY would carry plain http to 127.0.0.1:4599 through http://proxy.bank.example:3128: add 127.0.0.1 to NO_PROXY",
    );
    expect(() => routeFor(dws, { HTTPS_PROXY: "socks4://proxy:1080" })).toThrow("HTTPS_PROXY uses socks4: only http:// and https:// proxies are supported");
  });
});

test("an endpoint variable wins over CDKTF_ENCRYPTION_CONNECT_TO: its host is dialled as given", () => {
  const env = { CDKTF_ENCRYPTION_CONNECT_TO: "http://127.0.0.1:4599", CDKTF_ENCRYPTION_ENDPOINT_DWS: "https://dws.private.bank.example" };
  const dws = huaweiBaseUrl("dws", "cn-north-4", env);
  expect(dws.href).toBe("https://dws.private.bank.example/");
  expect(routeFor(dws, env).connectTo).toBeUndefined();
  const taurusdb = huaweiBaseUrl("taurusdb", "cn-north-4", env);
  expect(taurusdb.href).toBe("http://gaussdb.cn-north-4.myhuaweicloud.com/");
  expect(routeFor(taurusdb, env).connectTo?.port).toBe(4599);
});

test("connect-to redirects only the clouds' API hosts; instance metadata never goes through a proxy", () => {
  const env = { CDKTF_ENCRYPTION_CONNECT_TO: "https://10.1.2.3", HTTP_PROXY: "http://proxy.bank.example:3128" };
  expect(routeFor(new URL("https://iam.cn-north-4.myhuaweicloud.com"), env).connectTo?.hostname).toBe("10.1.2.3");
  const metadata = routeFor(new URL("http://169.254.169.254/openstack/latest/securitykey"), env);
  expect(metadata.connectTo).toBeUndefined();
  expect(metadata.proxy).toBeUndefined();
  expect(routeFor(new URL("http://100.100.100.200/latest/meta-data/"), env).proxy).toBeUndefined();
  expect(routeFor(new URL("https://credentials.bank.example/uri"), env).connectTo).toBeUndefined();
});
