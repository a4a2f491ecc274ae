// The session as a list of steps and a state that moves through them. No DOM, no
// clock of its own: every event carries `now` (ms since the epoch), so the state is
// plain JSON that is saved after every step and resumes after a reload.
import { adjustTimer, endsAt, isDone, pauseTimer, resumeTimer, startTimer } from "./clock.js";

export const READY_MS = 3000;
export const ADJUST_MS = 10000;
export const OUTCOMES = ["done", "too_easy", "right", "too_hard", "hurt"];
export const WHERE = ["lower_back", "buttock", "leg"];
const DEFAULT_BREATHS = 6;
// Reps with a hold and no tempo of their own: 2 s into the position, the hold, 2 s back.
const HOLD_REP_MOVE = 2;

function workStep(p, base) {
  if (p.breathing) {
    const b = p.breathing;
    const cycle = (b.inhale + b.exhale + (b.hold || 0)) * 1000;
    const ms = p.duration ? p.duration * 1000 : (p.reps || DEFAULT_BREATHS) * cycle;
    return { ...base, kind: "breathe", ms, breathing: b, ready: true };
  }
  if (p.reps) {
    let tempo = p.tempo;
    if (p.hold) {
      tempo = {
        move: tempo ? tempo.move : HOLD_REP_MOVE,
        pause: Math.max(tempo ? tempo.pause : 0, p.hold),
        back: tempo ? tempo.back : HOLD_REP_MOVE,
      };
    }
    const repSeconds = tempo ? tempo.move + tempo.pause + tempo.back : 0;
    if (repSeconds > 0) {
      return { ...base, kind: "reps", reps: p.reps, tempo, ms: p.reps * repSeconds * 1000, ready: true };
    }
    return { ...base, kind: "reps", reps: p.reps, tempo: null, ms: null, ready: false };
  }
  if (p.hold) return { ...base, kind: "hold", ms: p.hold * 1000, ready: true };
  return { ...base, kind: "timed", ms: (p.duration || 30) * 1000, ready: true };
}

// Every step of a session, in order: per exercise its sets (per side: right, then left),
// a 3 s "get ready" before each timed part, rests between sets, then the feedback; the
// end (pain now, effort) last.
export function buildSteps(items) {
  const steps = [];
  items.forEach((item, index) => {
    const p = item.prescription;
    const sides = p.per_side ? ["right", "left"] : [null];
    for (let set = 1; set <= p.sets; set += 1) {
      for (const side of sides) {
        const base = { item: index, set, sets: p.sets, side };
        const work = workStep(p, base);
        if (work.ready) steps.push({ ...base, kind: "ready", ms: READY_MS, next: work.kind });
        steps.push(work);
      }
      if (set < p.sets && p.rest > 0) {
        steps.push({ item: index, set, sets: p.sets, side: null, kind: "rest", ms: p.rest * 1000 });
      }
    }
    steps.push({ item: index, set: p.sets, sets: p.sets, side: null, kind: "feedback", ms: null });
  });
  steps.push({ item: Math.max(items.length - 1, 0), set: 0, sets: 0, side: null, kind: "end", ms: null });
  return steps;
}

export const WORK_KINDS = new Set(["breathe", "reps", "hold", "timed"]);

// `highPain`: pain above this in an exercise is too much: stop it now (clinical reference,
// rule R1; the band lives in content/progression.yaml and comes in the page's JSON). The
// player says so on the steps after it, until the next feedback.
export function initialState(sessionId, clientKey, highPain) {
  return {
    version: 1,
    sessionId,
    clientKey,
    highPain,
    status: "intro", // intro → running → finished (report made) → sent
    index: -1,
    timer: null,
    paused: false,
    waiting: false, // a timer ran out and "do not move on by itself" is on
    repCount: 0,
    auto: true,
    sound: true,
    voice: true,
    stopped: false,
    startedAt: null,
    finishedAt: null,
    results: [],
    painAfter: null,
    effort: null,
    painWarning: false,
  };
}

function ensureResult(results, items, index) {
  if (results[index]) return results;
  const copy = results.slice();
  while (copy.length < index) copy.push(null);
  const item = items[index];
  // The version of the dose shown: the server keeps that dose with the result (not the one
  // current when the result arrives, which may have changed while the phone was offline).
  copy[index] = { slug: item.slug, item_key: item.key || "", version: item.version || null, sets_done: 0, outcome: null, hurt_where: [], pain: null };
  return copy;
}

function enter(state, steps, items, index, now) {
  const step = steps[index];
  return {
    ...state,
    index,
    timer: step.ms ? startTimer(now, step.ms) : null,
    paused: false,
    waiting: false,
    repCount: 0,
    results: step.kind === "end" ? state.results : ensureResult(state.results, items, step.item),
  };
}

// Leave the current step; a finished work step counts its set (after the left side when
// per side).
function advance(state, steps, items, now, counted) {
  const step = steps[state.index];
  let results = state.results;
  if (counted && WORK_KINDS.has(step.kind) && step.side !== "right") {
    results = results.slice();
    const result = { ...results[step.item] };
    result.sets_done = Math.max(result.sets_done, step.set);
    results[step.item] = result;
  }
  const next = Math.min(state.index + 1, steps.length - 1);
  return enter({ ...state, results }, steps, items, next, now);
}

// Timers that ran out while nobody looked: move on from the moment each one ended, so
// after 5 minutes away the session is where it would have been (or waits, when it
// must not move on by itself).
function catchUp(state, steps, items, now) {
  let s = state;
  for (let guard = 0; guard < steps.length; guard += 1) {
    const step = steps[s.index];
    if (s.status !== "running" || !s.timer || s.paused || s.waiting) return s;
    if (!isDone(s.timer, now)) return s;
    if (step.kind === "ready" || s.auto) s = advance(s, steps, items, endsAt(s.timer), true);
    else return { ...s, waiting: true };
  }
  return s;
}

function backTarget(steps, index) {
  let target = index - 1;
  while (target > 0 && (steps[target].kind === "feedback" || steps[target].kind === "ready")) target -= 1;
  if (target > 0 && steps[target - 1].kind === "ready") target -= 1;
  return Math.max(target, 0);
}

export function reduce(state, event, steps, items, now) {
  const step = state.index >= 0 ? steps[state.index] : null;
  switch (event.type) {
    case "start":
      if (state.status !== "intro") return state;
      return enter({ ...state, status: "running", startedAt: new Date(now).toISOString() }, steps, items, 0, now);
    case "tick":
      return catchUp(state, steps, items, now);
    case "pause":
      if (!state.timer || state.paused) return { ...state, paused: true };
      return { ...state, paused: true, timer: pauseTimer(state.timer, now) };
    case "resume":
      if (!state.paused) return state;
      return { ...state, paused: false, timer: state.timer && resumeTimer(state.timer, now) };
    case "adjust":
      if (!state.timer) return state;
      return catchUp({ ...state, waiting: false, timer: adjustTimer(state.timer, event.ms, now) }, steps, items, now);
    case "rep":
      if (!step || step.kind !== "reps") return state;
      return { ...state, repCount: Math.min(state.repCount + 1, step.reps) };
    case "continue": // the member says this part is done
      if (!step || step.kind === "feedback" || step.kind === "end") return state;
      return advance(state, steps, items, now, true);
    case "skip":
      if (!step || step.kind === "end") return state;
      return advance(state, steps, items, now, false);
    case "back":
      if (!step || state.index === 0 || step.kind === "end") return state;
      return enter(state, steps, items, backTarget(steps, state.index), now);
    case "toggle":
      if (!["auto", "sound", "voice"].includes(event.key)) return state;
      return catchUp({ ...state, [event.key]: !state[event.key] }, steps, items, now);
    case "feedback": {
      if (!step || step.kind !== "feedback" || !OUTCOMES.includes(event.outcome)) return state;
      const hurt = event.outcome === "hurt";
      const where = hurt ? (event.where || []).filter((w) => WHERE.includes(w)) : [];
      const pain = hurt ? event.pain : null;
      if (hurt && (!where.length || !Number.isInteger(pain) || pain < 0 || pain > 10)) return state;
      const results = state.results.slice();
      results[step.item] = { ...results[step.item], outcome: event.outcome, hurt_where: where, pain };
      const painWarning = hurt && pain > state.highPain;
      return advance({ ...state, results, painWarning }, steps, items, now, false);
    }
    case "stop":
      if (state.status !== "running") return state;
      return enter({ ...state, stopped: true }, steps, items, steps.length - 1, now);
    case "finish": {
      if (!step || step.kind !== "end" || state.status !== "running") return state;
      const ok = (v) => Number.isInteger(v) && v >= 0 && v <= 10;
      if (!ok(event.painAfter) || !ok(event.effort)) return state;
      return {
        ...state,
        status: "finished",
        painAfter: event.painAfter,
        effort: event.effort,
        finishedAt: new Date(now).toISOString(),
      };
    }
    case "sent":
      return state.status === "finished" ? { ...state, status: "sent" } : state;
    default:
      return state;
  }
}

// What the server stores: the session, and per exercise reached what was done and said.
// `data.session.target` names the session the way its endpoint knows it: a plan's
// `{plan_session: 7}`, a program day's `{session_key: "challenge-30-days/d01"}`.
export function report(state, data) {
  return {
    client_key: state.clientKey,
    ...data.session.target,
    started_at: state.startedAt,
    finished_at: state.finishedAt,
    completed: !state.stopped,
    pain_after: state.painAfter,
    effort: state.effort,
    language: data.session.language,
    results: state.results.filter(Boolean),
  };
}
