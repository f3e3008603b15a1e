import { request } from "undici";
import { Emulator } from "../../../lib/emulator/emulator-server";

describe("the admin API serves only local tools", () => {
  const emulator = new Emulator();
  let url: string;
  let port: number;
  beforeAll(async () => {
    url = await emulator.start();
    port = Number(new URL(url).port);
  });
  afterAll(() => emulator.stop());
  afterEach(() => emulator.faults.clear());

  const FAULT = JSON.stringify({ operation: "*", status: 503, count: 1 });
  const post = (headers: Record<string, string>) => request(`${url}/_emulator/faults`, { method: "POST", body: FAULT, headers });

  test.each([
    ["a web page of another origin", { origin: "https://evil.example" }, /cross-origin request from "https:\/\/evil\.example" refused/],
    ["a page on another port of this machine", { origin: "http://127.0.0.1:1" }, /cross-origin request/],
    ["an opaque origin (sandboxed frame, file://)", { origin: "null" }, /cross-origin request from "null"/],
    ["a rebound host name", { host: "evil.example:4599" }, /Host "evil\.example:4599" is not this emulator/],
  ])("%s cannot inject faults or reset it", async (_name, headers, message) => {
    const response = await post(headers as Record<string, string>);
    expect(response.statusCode).toBe(403);
    expect(((await response.body.json()) as { error: string }).error).toMatch(message);
    expect(emulator.faults.list()).toEqual([]);
    const reset = await request(`${url}/_emulator/reset`, { method: "POST", headers: headers as Record<string, string> });
    expect(reset.statusCode).toBe(403);
    await reset.body.dump();
  });

  test.each([
    ["a local tool (no Origin)", {}],
    ["its own origin", () => ({ origin: `http://127.0.0.1:${port}` })],
    ["localhost", () => ({ host: `localhost:${port}`, origin: `http://localhost:${port}` })],
  ])("%s is served", async (_name, headers) => {
    const response = await post(typeof headers === "function" ? headers() : headers);
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    expect(emulator.faults.list()).toHaveLength(1);
  });
});
