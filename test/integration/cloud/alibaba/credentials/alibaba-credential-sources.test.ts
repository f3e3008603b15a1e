import { createServer } from "node:http";
import { AddressInfo } from "node:net";
import { CredentialHostUnreachable, credentialRequest } from "../../../../../lib/cloud/alibaba/credentials/credential-http";
import { credentialsUri } from "../../../../../lib/cloud/alibaba/credentials/credentials-uri-source";

test("a credential host that accepts the connection and never answers: one error naming it, after the timeout", async () => {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/latest/api/token`);
  try {
    const sent = credentialRequest("instance metadata", "the metadata service", { method: "PUT", url, timeoutMs: 200 });
    await expect(sent).rejects.toBeInstanceOf(CredentialHostUnreachable);
    await expect(credentialRequest("instance metadata", "the metadata service", { method: "PUT", url, timeoutMs: 200 })).rejects.toThrow(
      `Alibaba Cloud credentials (instance metadata): ${url.origin} is unreachable (no answer within 0.2 s). Check: the metadata service`,
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

describe("temporary credentials' Expiration and repeated requests", () => {
  const keys = { accessKeyId: "STS.Unit0000000000001", accessKeySecret: "s", securityToken: "t" };
  const now = Date.parse("2026-01-01T00:00:00Z");

  test("a credentials URI answering without Expiration is fetched again after 15 minutes, not used for ever", async () => {
    let served = 0;
    const server = createServer((_req, res) => {
      served++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ Code: "Success", AccessKeyId: `STS.Uri000000000000${served}`, AccessKeySecret: "s", SecurityToken: "t" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    let time = now;
    const clock = { now: () => time, sleep: async (ms: number) => void (time += ms) };
    try {
      const uri = credentialsUri(`http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`, { env: {}, clock }, "ALIBABA_CLOUD_CREDENTIALS_URI");
      expect((await uri.get()).accessKeyId).toBe("STS.Uri0000000000001");
      time += 10 * 60_000;
      expect((await uri.get()).accessKeyId).toBe("STS.Uri0000000000001");
      time += 5 * 60_000;
      expect((await uri.get()).accessKeyId).toBe("STS.Uri0000000000002");
      expect(served).toBe(2);
    } finally {
      server.close();
    }
  });
});
