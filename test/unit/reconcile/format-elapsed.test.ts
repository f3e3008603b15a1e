import { formatElapsed } from "../../../lib/reconcile/format";

test.each([
  [0, "0.0s"],
  [12_345, "12.3s"],
  [59_940, "59.9s"],
  [59_960, "1m00s"],
  [60_000, "1m00s"],
  [245_400, "4m05s"],
  [3_720_000, "1h02m"],
])("formatElapsed(%d) is %s: the unit is chosen after rounding", (ms, text) => {
  expect(formatElapsed(ms)).toBe(text);
});
