// Timer arithmetic, no DOM and no ticking: a timer is a few timestamps (ms since the
// epoch), and what remains is worked out from them and "now" whenever it is asked.
// So a locked phone or a hidden tab that skipped every tick still shows the right time
// on return, and a reload resumes the same timer from its stored timestamps.

export function startTimer(now, durationMs) {
  return { startedAt: now, durationMs, pausedAt: null, pausedMs: 0 };
}

export function elapsed(timer, now) {
  const until = timer.pausedAt ?? now;
  return Math.max(0, until - timer.startedAt - timer.pausedMs);
}

export function remaining(timer, now) {
  return Math.max(0, timer.durationMs - elapsed(timer, now));
}

export function isDone(timer, now) {
  return remaining(timer, now) === 0;
}

// Whole seconds still to go, rounded up: "3" until the last millisecond of the third.
export function secondsLeft(timer, now) {
  return Math.ceil(remaining(timer, now) / 1000);
}

// The moment the timer ran out (or will, if it keeps running).
export function endsAt(timer) {
  return timer.startedAt + timer.pausedMs + timer.durationMs;
}

export function pauseTimer(timer, now) {
  return timer.pausedAt === null ? { ...timer, pausedAt: now } : timer;
}

export function resumeTimer(timer, now) {
  if (timer.pausedAt === null) return timer;
  return { ...timer, pausedAt: null, pausedMs: timer.pausedMs + (now - timer.pausedAt) };
}

// ± time: never less than what has already passed (the timer then just ends).
export function adjustTimer(timer, deltaMs, now) {
  return { ...timer, durationMs: Math.max(elapsed(timer, now), timer.durationMs + deltaMs) };
}

// The breathing pacer: where in the in–hold–out cycle we are after `ms`.
export function breathPhase(breathing, ms) {
  const inMs = breathing.inhale * 1000;
  const holdMs = (breathing.hold || 0) * 1000;
  const outMs = breathing.exhale * 1000;
  const cycle = inMs + holdMs + outMs;
  const pos = ms % cycle;
  const breath = Math.floor(ms / cycle) + 1;
  if (pos < inMs) return { phase: "in", breath, progress: pos / inMs, leftMs: inMs - pos };
  if (pos < inMs + holdMs) {
    return { phase: "hold", breath, progress: 1, leftMs: inMs + holdMs - pos };
  }
  const into = pos - inMs - holdMs;
  return { phase: "out", breath, progress: 1 - into / outMs, leftMs: outMs - into };
}

// The tempo guide: which repetition, and which part of it (move, pause, back).
export function tempoPhase(tempo, reps, ms) {
  const parts = [
    ["move", tempo.move * 1000],
    ["pause", tempo.pause * 1000],
    ["back", tempo.back * 1000],
  ];
  const repMs = parts.reduce((sum, [, len]) => sum + len, 0) || 1000;
  const rep = Math.min(reps, Math.floor(ms / repMs) + 1);
  let pos = ms - (rep - 1) * repMs;
  for (const [phase, len] of parts) {
    if (len > 0 && pos < len) return { rep, phase, leftMs: len - pos };
    pos -= len;
  }
  return { rep, phase: "back", leftMs: 0 };
}
