// Timer arithmetic with a fake clock: every "now" is a number the test chooses.
import assert from "node:assert/strict";
import test from "node:test";
import {
  adjustTimer, breathPhase, elapsed, endsAt, isDone, pauseTimer, remaining, resumeTimer,
  secondsLeft, startTimer, tempoPhase,
} from "../../rugcoach/static/training/clock.js";

const T0 = Date.UTC(2026, 10, 30, 18, 0, 0);

test("what remains comes from the start time, however few ticks there were", () => {
  const timer = startTimer(T0, 30_000);
  assert.equal(secondsLeft(timer, T0), 30);
  assert.equal(secondsLeft(timer, T0 + 1), 30, "rounds up: 29.999 s shows 30");
  assert.equal(secondsLeft(timer, T0 + 12_000), 18);
  // The phone was locked for 5 minutes: no tick ran, and the answer is still exact.
  assert.equal(remaining(timer, T0 + 5 * 60_000), 0);
  assert.ok(isDone(timer, T0 + 30_000));
  assert.ok(!isDone(timer, T0 + 29_999));
});

test("a paused timer stands still and resumes where it was", () => {
  let timer = startTimer(T0, 60_000);
  timer = pauseTimer(timer, T0 + 10_000);
  assert.equal(remaining(timer, T0 + 5 * 60_000), 50_000, "5 minutes paused: still 50 s");
  timer = resumeTimer(timer, T0 + 5 * 60_000);
  assert.equal(remaining(timer, T0 + 5 * 60_000 + 20_000), 30_000);
  assert.equal(endsAt(timer), T0 + 60_000 + (5 * 60_000 - 10_000));
  assert.deepEqual(pauseTimer(pauseTimer(timer, T0 + 6e5), T0 + 7e5).pausedAt, T0 + 6e5);
});

test("± time changes what remains, never below what already passed", () => {
  let timer = startTimer(T0, 30_000);
  timer = adjustTimer(timer, 10_000, T0 + 5_000);
  assert.equal(remaining(timer, T0 + 5_000), 35_000);
  timer = adjustTimer(timer, -60_000, T0 + 5_000);
  assert.equal(remaining(timer, T0 + 5_000), 0);
  assert.equal(elapsed(timer, T0 + 5_000), 5_000);
});

test("the breathing pacer: in 4 s, out 6 s, over and over", () => {
  const b = { inhale: 4, exhale: 6, hold: 0 };
  assert.equal(breathPhase(b, 0).phase, "in");
  assert.equal(breathPhase(b, 3_999).phase, "in");
  assert.equal(breathPhase(b, 4_000).phase, "out");
  assert.equal(breathPhase(b, 9_999).phase, "out");
  assert.deepEqual([breathPhase(b, 10_000).phase, breathPhase(b, 10_000).breath], ["in", 2]);
  assert.equal(breathPhase(b, 7_000).leftMs, 3_000);
  const held = { inhale: 4, exhale: 8, hold: 2 };
  assert.equal(breathPhase(held, 5_000).phase, "hold");
  assert.equal(breathPhase(held, 6_000).phase, "out");
});

test("the tempo guide counts repetitions at the exercise's tempo", () => {
  const tempo = { move: 3, pause: 1, back: 2 }; // 6 s a repetition
  assert.deepEqual(tempoPhase(tempo, 10, 0), { rep: 1, phase: "move", leftMs: 3_000 });
  assert.equal(tempoPhase(tempo, 10, 3_500).phase, "pause");
  assert.equal(tempoPhase(tempo, 10, 4_000).phase, "back");
  assert.equal(tempoPhase(tempo, 10, 6_000).rep, 2);
  assert.equal(tempoPhase(tempo, 10, 10 * 6_000 + 5).rep, 10, "never past the last");
});
