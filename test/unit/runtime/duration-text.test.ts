import { formatDuration } from "../../../lib/runtime/duration-text";

test.each([
  [0, "0 s"],
  [-5, "0 s"],
  [300, "0.3 s"],
  [1_500, "1.5 s"],
  [9_940, "9.9 s"],
  [9_960, "10 s"],
  [12_345, "12 s"],
  [59_960, "60 s"],
  [119_400, "119 s"],
  [119_600, "2 min 0 s"],
  [245_400, "4 min 5 s"],
  [179_700, "3 min 0 s"],
  [7_199_600, "2 h 0 min"],
  [86_400_000, "24 h 0 min"],
])("formatDuration(%d) is %s: the unit is chosen after rounding", (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});
