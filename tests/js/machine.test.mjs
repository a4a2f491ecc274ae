// The session's state machine, driven by events with a fake clock.
import assert from "node:assert/strict";
import test from "node:test";
import { buildSteps, initialState, reduce, report } from "../../rugcoach/static/training/machine.js";

const T0 = Date.UTC(2026, 10, 30, 18, 0, 0);
const items = [
  { slug: "side-plank-knee", key: "w1-mon.0", version: 2, prescription: { sets: 2, hold: 20, per_side: true, rest: 30, reps: null, duration: null, tempo: null, breathing: null } },
  { slug: "belly-breathing-supine", key: "w1-mon.1", prescription: { sets: 1, duration: 60, reps: null, hold: null, per_side: false, rest: 0, tempo: null, breathing: { inhale: 4, exhale: 6, hold: 0 } } },
  { slug: "glute-bridge", key: "w1-mon.2", prescription: { sets: 1, reps: 10, hold: null, duration: null, per_side: false, rest: 0, tempo: null, breathing: null } },
];
const steps = buildSteps(items);
const kinds = () => steps.map((s) => s.kind + (s.side ? `:${s.side}` : ""));

function run(events, start = initialState(7, "key-1", 5)) {
  let state = start;
  for (const [event, at] of events) state = reduce(state, event, steps, items, at);
  return state;
}

test("the steps: get ready, hold per side, rest between sets, feedback, the end", () => {
  assert.deepEqual(kinds(), [
    "ready:right", "hold:right", "ready:left", "hold:left", "rest",
    "ready:right", "hold:right", "ready:left", "hold:left", "feedback",
    "ready", "breathe", "feedback",
    "reps", "feedback",
    "end",
  ]);
  assert.equal(steps[0].ms, 3000, "a 3-second get ready");
  assert.equal(steps[1].ms, 20_000);
  assert.equal(steps[4].ms, 30_000);
  assert.equal(steps[11].ms, 60_000);
  assert.equal(steps[13].ms, null, "reps without a tempo wait for the member");
});

test("a run through: timers move on by themselves and count the sets", () => {
  let s = run([[{ type: "start" }, T0]]);
  assert.equal(steps[s.index].kind, "ready");
  s = run([[{ type: "tick" }, T0 + 3000]], s);
  assert.equal(steps[s.index].kind, "hold");
  s = run([[{ type: "tick" }, T0 + 3000 + 20_000 + 3000 + 20_000]], s);
  assert.equal(steps[s.index].kind, "rest");
  assert.equal(s.results[0].sets_done, 1, "the set counts after the left side");
});

test("after 5 minutes away the session is where it would have been", () => {
  let s = run([[{ type: "start" }, T0]]);
  // Locked phone: no ticks at all until 5 minutes later.
  s = run([[{ type: "tick" }, T0 + 5 * 60_000]], s);
  // 3+20+3+20 +30 rest +3+20+3+20 = 122 s, then the feedback waits for the member.
  assert.equal(steps[s.index].kind, "feedback");
  assert.equal(s.results[0].sets_done, 2);
  // The breathing block started when the feedback was given, not when the phone woke.
  s = run([[{ type: "feedback", outcome: "right" }, T0 + 300_000], [{ type: "tick" }, T0 + 300_000 + 3000 + 59_000]], s);
  assert.equal(steps[s.index].kind, "breathe");
  assert.equal(s.timer.durationMs - (T0 + 362_000 - s.timer.startedAt), 1000);
});

test("'do not move on by itself' waits at the end of a timer", () => {
  let s = run([[{ type: "start" }, T0], [{ type: "toggle", key: "auto" }, T0]]);
  s = run([[{ type: "tick" }, T0 + 3000], [{ type: "tick" }, T0 + 60_000]], s);
  assert.equal(steps[s.index].kind, "hold", "the get ready still moves on; the hold waits");
  assert.equal(s.waiting, true);
  s = run([[{ type: "continue" }, T0 + 61_000]], s);
  assert.equal(steps[s.index].kind, "ready");
  assert.equal(steps[s.index].side, "left");
});

test("pause, ± time, back and skip", () => {
  let s = run([[{ type: "start" }, T0], [{ type: "tick" }, T0 + 3000], [{ type: "pause" }, T0 + 5000]]);
  s = run([[{ type: "tick" }, T0 + 600_000]], s);
  assert.equal(steps[s.index].kind, "hold", "paused: nothing moves on");
  s = run([[{ type: "resume" }, T0 + 600_000], [{ type: "adjust", ms: 10_000 }, T0 + 600_000]], s);
  assert.equal(s.timer.durationMs, 30_000);
  s = run([[{ type: "skip" }, T0 + 600_001]], s);
  assert.equal(kinds()[s.index], "ready:left");
  assert.equal(s.results[0].sets_done, 0, "a skipped part does not count");
  s = run([[{ type: "back" }, T0 + 600_002]], s);
  assert.equal(kinds()[s.index], "ready:right", "back goes to the start of the previous part");
});

test("feedback: 'it hurt' needs where and how much; then the end asks pain and effort", () => {
  let s = run([[{ type: "start" }, T0], [{ type: "tick" }, T0 + 5 * 60_000]]);
  const before = s;
  s = run([[{ type: "feedback", outcome: "hurt", where: [], pain: 3 }, T0 + 300_001]], s);
  assert.equal(s, before, "no place given: refused");
  s = run([[{ type: "feedback", outcome: "hurt", where: ["leg", "neck"], pain: 3 }, T0 + 300_001]], s);
  assert.deepEqual([s.results[0].outcome, s.results[0].hurt_where, s.results[0].pain], ["hurt", ["leg"], 3]);
  s = run([[{ type: "stop" }, T0 + 301_000]], s);
  assert.equal(steps[s.index].kind, "end");
  assert.equal(run([[{ type: "finish", painAfter: 11, effort: 5 }, T0]], s), s);
  s = run([[{ type: "finish", painAfter: 2, effort: 5 }, T0 + 302_000]], s);
  const body = report(s, { session: { id: 7, target: { plan_session: 7 }, language: "nl" } });
  assert.equal(body.client_key, "key-1");
  assert.equal(body.plan_session, 7, "a plan's session is named by its id");
  assert.equal(body.completed, false, "stopped part-way");
  assert.equal(body.pain_after, 2);
  assert.equal(body.results.length, 2, "the exercises reached: the plank and the breathing");
  assert.deepEqual(body.results.map((r) => [r.item_key, r.version]), [["w1-mon.0", 2], ["w1-mon.1", null]], "the dose's version as shown");
  assert.equal(body.started_at, new Date(T0).toISOString());
});

test("reps without a tempo are counted by tapping, and the state is plain JSON", () => {
  let s = run([[{ type: "start" }, T0], [{ type: "tick" }, T0 + 5 * 60_000], [{ type: "feedback", outcome: "done" }, T0 + 5 * 60_000],
    [{ type: "skip" }, T0 + 5 * 60_000], [{ type: "skip" }, T0 + 5 * 60_000], [{ type: "skip" }, T0 + 5 * 60_000]]);
  assert.equal(steps[s.index].kind, "reps");
  s = run([[{ type: "rep" }, T0], [{ type: "rep" }, T0]], s);
  assert.equal(s.repCount, 2);
  const copy = JSON.parse(JSON.stringify(s));
  assert.deepEqual(copy, s, "survives a save and a reload unchanged");
  s = run([[{ type: "continue" }, T0 + 1]], copy);
  assert.equal(steps[s.index].kind, "feedback");
  assert.equal(s.results[2].sets_done, 1);
});

test("pain above 5 in an exercise warns on the steps after it, until the next feedback", () => {
  const at = T0 + 5 * 60_000;
  const base = run([[{ type: "start" }, T0], [{ type: "tick" }, at]]);
  const five = run([[{ type: "feedback", outcome: "hurt", where: ["leg"], pain: 5 }, at]], base);
  assert.equal(five.painWarning, false, "5 is still acceptable");
  let s = run([[{ type: "feedback", outcome: "hurt", where: ["leg"], pain: 6 }, at]], base);
  assert.equal(s.painWarning, true);
  s = run([[{ type: "tick" }, at + 3000]], s);
  assert.equal(steps[s.index].kind, "breathe");
  assert.equal(s.painWarning, true, "still said during the next exercise");
  s = run([[{ type: "skip" }, at + 4000], [{ type: "feedback", outcome: "right" }, at + 4000]], s);
  assert.equal(s.painWarning, false);
});

test("a second 'finish' (a double tap) changes nothing", () => {
  let s = run([[{ type: "start" }, T0], [{ type: "stop" }, T0 + 1000], [{ type: "finish", painAfter: 1, effort: 2 }, T0 + 2000]]);
  const again = run([[{ type: "finish", painAfter: 9, effort: 9 }, T0 + 3000]], s);
  assert.equal(again, s);
  assert.equal(report(s, { session: { id: 7, target: { plan_session: 7 }, language: "nl" } }).pain_after, 1);
});

test("a program day's report names its day, not a plan session", () => {
  const s = run([[{ type: "start" }, T0], [{ type: "stop" }, T0 + 1000], [{ type: "finish", painAfter: 1, effort: 2 }, T0 + 2000]]);
  const target = { session_key: "challenge-30-days/d01" };
  const body = report(s, { session: { id: "challenge-30-days/d01", target, language: "en" } });
  assert.equal(body.session_key, "challenge-30-days/d01");
  assert.ok(!("plan_session" in body));
  assert.equal(body.language, "en");
});
