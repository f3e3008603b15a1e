import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";

// test/support/unit-tier-guard.ts keeps this tier pure: a server or a process is refused, naming where the test belongs.
const BELONGS = /belongs in test\/integration\/<lib path>\/ \(or test\/e2e\/\), not in the unit tier/;

test("a server started in a unit test is refused, saying where the test belongs", () => {
  expect(() => createServer().listen(0, "127.0.0.1")).toThrow(/^a unit test started a server \(net\.Server\.listen\)/);
  expect(() => createServer().listen(0, "127.0.0.1")).toThrow(BELONGS);
});

test("a process started in a unit test is refused, naming the call and the command", () => {
  expect(() => spawn("terraform", ["version"])).toThrow(/^a unit test started a process \(child_process\.spawn terraform\)/);
  expect(() => execFileSync(process.execPath, ["-e", ""])).toThrow(BELONGS);
});
