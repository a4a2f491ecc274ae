// The next posture reminder, with chosen dates (local time, as in the browser).
import assert from "node:assert/strict";
import test from "node:test";
import { nextReminder } from "../../rugcoach/static/posture/schedule.js";

const WORKDAYS = { on: true, days: [1, 2, 3, 4, 5], times: ["09:00", "09:30", "10:00", "16:30"] };
const at = (...parts) => new Date(...parts);

test("the next time today, strictly after now", () => {
  // Monday 30 November 2026, 09:10
  assert.deepEqual(nextReminder(WORKDAYS, at(2026, 10, 30, 9, 10)), at(2026, 10, 30, 9, 30));
  assert.deepEqual(nextReminder(WORKDAYS, at(2026, 10, 30, 9, 30)), at(2026, 10, 30, 10, 0));
  assert.deepEqual(nextReminder(WORKDAYS, at(2026, 10, 30, 7, 0)), at(2026, 10, 30, 9, 0));
});

test("after work it is the next workday's first time, over the weekend too", () => {
  assert.deepEqual(nextReminder(WORKDAYS, at(2026, 10, 30, 17, 0)), at(2026, 11, 1, 9, 0));
  // Friday 4 December after work -> Monday 7 December
  assert.deepEqual(nextReminder(WORKDAYS, at(2026, 11, 4, 16, 45)), at(2026, 11, 7, 9, 0));
});

test("off, or no days or times: no reminder", () => {
  assert.equal(nextReminder({ on: false }, at(2026, 10, 30, 9, 0)), null);
  assert.equal(nextReminder({ ...WORKDAYS, days: [] }, at(2026, 10, 30, 9, 0)), null);
  assert.equal(nextReminder({ ...WORKDAYS, times: [] }, at(2026, 10, 30, 9, 0)), null);
});
