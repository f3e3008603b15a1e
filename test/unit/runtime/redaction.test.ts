// Issue 15 item 4: the values used on the wire are redacted, in their encodings, before any cut.
import { CloudError } from "../../../lib/cloud/cloud-error";
import { REDACTED, Redactor, redactHeaders, registerSecret } from "../../../lib/runtime/redact";

test("a padded credential is redacted as used (trimmed), as given, URL-encoded and JSON-escaped", () => {
  const secret = 'tok/en+="q"\\value-0001';
  const redactor = new Redactor({ HW_SECURITY_TOKEN: `  ${secret}\n` });
  const text = `a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify(secret)} d  ${secret}\n`;
  const out = redactor.redact(text);
  expect(out).not.toContain(secret);
  expect(out).not.toContain(encodeURIComponent(secret));
  expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
  expect(out).toBe(`a ${REDACTED} b ${REDACTED} c "${REDACTED}" d${REDACTED}`);
});

test("x-acs-accesskey-id is hidden in logged headers", () => {
  expect(redactHeaders({ "x-acs-accesskey-id": "LTAI5tSomeoneElse0001", "x-acs-date": "2026-01-01T00:00:00Z" })).toEqual({
    "x-acs-accesskey-id": REDACTED,
    "x-acs-date": "2026-01-01T00:00:00Z",
  });
});

test("an error message is redacted before it is cut: no prefix of a long echoed secret survives", () => {
  const token = `runtime-token-${"z".repeat(400)}`;
  registerSecret(token);
  const error = new CloudError({ service: "TaurusDB", operation: "Show", code: "DBS.1", message: `${"x".repeat(250)} echo ${token}`, retryable: false });
  expect(error.message).not.toContain("runtime-token");
  expect(error.message).toContain(REDACTED);
});
