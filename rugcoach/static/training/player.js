// The player's DOM glue: reads the session from the page, runs the state machine, saves
// the state after every step, speaks and beeps, keeps the screen on, and hands the
// result to the outbox. The logic itself lives in clock.js, machine.js and outbox.js.
import { breathPhase, elapsed, remaining, secondsLeft, tempoPhase } from "./clock.js";
import { ADJUST_MS, OUTCOMES, WHERE, WORK_KINDS, buildSteps, initialState, reduce, report } from "./machine.js";
import { createOutbox, csrfHeader, pageMember } from "./outbox.js";
import { createSound } from "./sound.js";
import { idbStore, memoryStore } from "./store.js";

const data = JSON.parse(document.getElementById("session-data").textContent);
const L = data.labels;
const items = data.items;
const steps = buildSteps(items);
const root = document.getElementById("player");
const screen = document.getElementById("player-screen");
const live = document.getElementById("player-live");
const store = typeof indexedDB === "undefined" ? memoryStore() : idbStore;
const stateKey = `player:${data.session.id}`;
// One check-in opens one session: once a session under it is finished, a kept copy of any
// session opened by the same check does not start again (docs/player.md).
const checkUsedKey = `check-used:${data.session.check_id}`;
const sound = createSound({ lang: L.voice_lang });
const outbox = createOutbox({
  store,
  fetch: (...args) => fetch(...args),
  url: data.urls.api,
  headers: () => csrfHeader(document.cookie),
  member: pageMember(document),
});

let state;
let drawn = ""; // which screen is on the page; a tick only updates its numbers
let draft = { outcome: null, where: [], pain: null, painAfter: null, effort: null, error: "" };
let wakeLock = null;
let lastSpoken = "";
// Set once this page may not start a session (askForCheckin): it shows only that.
let checkinFirst = false;

const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_, k) => values[k]);

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") el.textContent = value;
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child) el.append(child);
  return el;
}

const button = (action, label, extra = {}) =>
  h("button", { type: "button", class: `button ${extra.class || ""}`.trim(), "data-action": action, ...extra.attrs, text: label });

// --- saving and sending ------------------------------------------------------------------

async function save() {
  try {
    await store.set(stateKey, state);
  } catch {
    // Storage full or blocked: the session still runs, it just cannot resume.
  }
}

async function send() {
  await outbox.flush();
  // No state while the page asks for a check-in first: only the outbox is replayed.
  if (state && state.status === "finished" && !(await outbox.has(state.clientKey))) {
    state = reduce(state, { type: "sent" }, steps, items, Date.now());
    await save();
    render(true);
  }
}

// --- sound, voice and the screen ---------------------------------------------------------

function announce(text) {
  live.textContent = text;
  if (state.voice && text !== lastSpoken) sound.say(text);
  lastSpoken = text;
}

function scheduleBeeps() {
  sound.cancel();
  if (!state.sound || !state.timer || state.paused || state.waiting) return;
  sound.countdown(remaining(state.timer, Date.now()));
}

async function keepAwake() {
  if (!("wakeLock" in navigator)) return showWakeNote();
  try {
    wakeLock = await navigator.wakeLock.request("screen");
  } catch {
    showWakeNote();
  }
}

function showWakeNote() {
  if (document.getElementById("wake-note")) return;
  root.append(h("p", { id: "wake-note", class: "player-note", text: L.wake_lock_off }));
}

// --- what each step says -----------------------------------------------------------------

function stepWords(step) {
  const item = items[step.item];
  if (step.kind === "ready") {
    const side = step.side === "left" ? `${L.left_side}. ` : "";
    return `${side}${item.name}. ${L.get_ready}`;
  }
  if (step.kind === "rest") return L.rest;
  if (step.kind === "feedback") return fill(L.how_was_it, { name: item.name });
  if (step.kind === "end") return state.stopped ? L.end_title_partial : L.end_title;
  if (step.kind === "hold" || step.kind === "timed") return L.hold;
  if (step.kind === "reps") return fill(L.reps_count, { rep: step.reps, reps: step.reps });
  return "";
}

function screenKey() {
  const step = steps[state.index];
  return [state.status, state.index, state.paused, state.waiting, state.auto, state.sound, state.voice,
    step && step.kind === "reps" && !step.tempo ? state.repCount : "", draft.outcome, draft.where.join(),
    draft.pain, draft.painAfter, draft.effort, draft.error].join("|");
}

// --- rendering ---------------------------------------------------------------------------

function toggles() {
  const box = (key, label) =>
    h("label", { class: "player-toggle" },
      h("input", { type: "checkbox", "data-toggle": key, checked: state[key] }), label);
  return h("div", { class: "player-toggles" },
    box("sound", L.sound), box("voice", L.voice), box("auto", L.auto_advance));
}

function scale(name, legend, chosen) {
  return h("fieldset", { class: "player-scale" }, h("legend", { text: legend }),
    h("div", { class: "player-scale-options" },
      Array.from({ length: 11 }, (_, value) =>
        h("label", { class: "player-scale-option" },
          h("input", { type: "radio", name, value: String(value), "data-scale": name, checked: chosen === value }),
          h("span", { text: String(value) })))));
}

function figure(item) {
  if (!item.figure || !item.figure.url) return null;
  return h("img", { class: "player-figure", src: item.figure.url, alt: item.figure.alt, width: 320, height: 240 });
}

function introScreen() {
  return [
    h("h2", { text: L.intro_title }),
    h("p", { text: L.intro_hint }),
    h("ol", { class: "player-list" }, items.map((item) => h("li", {}, h("strong", { text: item.name }), `: ${item.dose}`, whyChanged(item)))),
    toggles(),
    button("start", L.start, { class: "button-primary player-big" }),
  ];
}

// The engine (or a trainer) changed this dose or exercise: say why, where it is shown.
function whyChanged(item) {
  return item.why_changed ? h("p", { class: "player-why" }, h("strong", { text: L.why_changed }), ` ${item.why_changed}`) : null;
}

function progressLine(step) {
  const parts = [fill(L.exercise_of, { n: step.item + 1, total: items.length })];
  if (step.sets > 1 || step.kind === "rest") parts.push(fill(L.set_of, { set: step.set, sets: step.sets }));
  return h("p", { class: "player-progress", text: parts.join(" · ") });
}

function controls(step) {
  const row = [];
  row.push(button("back", L.previous, { attrs: { disabled: state.index === 0 } }));
  if (state.timer) row.push(button(state.paused ? "resume" : "pause", state.paused ? L.continue : L.pause, { class: "player-main" }));
  row.push(button("skip", L.skip));
  const time = state.timer
    ? [button("minus", L.minus, { attrs: { "aria-label": L.minus } }), button("plus", L.plus, { attrs: { "aria-label": L.plus } })]
    : [];
  return [h("div", { class: "player-controls" }, row), time.length ? h("div", { class: "player-controls" }, time) : null];
}

function painNote() {
  return state.painWarning ? h("p", { class: "player-note player-pain-note", text: L.high_pain }) : null;
}

function stepScreen(step) {
  const item = items[step.item];
  const body = [painNote(), progressLine(step), h("h2", { class: "player-name", text: item.name })];
  if (step.side) body.push(h("p", { class: "player-side", text: step.side === "left" ? L.left_side : L.right_side }));
  if (step.kind !== "rest" && step.set === 1 && !(step.side === "left")) body.push(whyChanged(item));
  if (step.kind !== "rest") body.push(figure(item));
  const phase = h("p", { class: "player-phase", "data-bind": "phase" });
  const clock = h("p", { class: "player-clock", "data-bind": "clock" });
  body.push(h("div", { class: "player-status" }, phase, clock));
  if (step.kind === "breathe") body.push(h("div", { class: "player-pacer", "aria-hidden": "true" }, h("div", { class: "player-pacer-dot", "data-bind": "pacer" })));
  if (step.kind === "reps" && !step.tempo) {
    body.push(h("div", { class: "player-controls" },
      button("rep", L.rep_plus, { class: "player-big" }),
      button("continue", L.finished_reps, { class: "button-primary player-big" })));
  }
  if (state.waiting) {
    body.push(h("p", { class: "player-waiting", text: L.done_waiting }));
    body.push(button("continue", L.continue, { class: "button-primary player-big" }));
  } else if (step.kind === "rest") {
    const next = steps[state.index + 1];
    if (next) body.push(h("p", { text: fill(L.next_up, { name: `${items[next.item].name}, ${fill(L.set_of, { set: next.set, sets: next.sets })}` }) }));
  }
  if (state.paused) body.push(h("p", { class: "player-paused", text: L.paused }));
  body.push(...controls(step));
  if (step.kind !== "rest") {
    body.push(h("p", { class: "player-cue", text: item.cue }));
    body.push(h("ol", { class: "player-steps" }, item.steps.map((text) => h("li", { text }))));
  }
  body.push(toggles(), button("stop", L.stop, { class: "player-stop" }));
  return body;
}

function feedbackScreen(step) {
  const item = items[step.item];
  const body = [progressLine(step), h("h2", { text: fill(L.how_was_it, { name: item.name }) })];
  const result = state.results[step.item];
  if (result) body.push(h("p", { text: fill(L.sets_done, { done: result.sets_done, sets: step.sets }) }));
  body.push(h("div", { class: "player-outcomes" },
    OUTCOMES.map((outcome) => button("outcome", L[outcome], {
      class: outcome === "hurt" ? "player-hurt" : "",
      attrs: { "data-value": outcome, "aria-pressed": draft.outcome === outcome ? "true" : "false" },
    }))));
  if (draft.outcome === "hurt") {
    body.push(h("fieldset", { class: "player-where" }, h("legend", { text: L.where }),
      WHERE.map((where) => h("label", { class: "player-toggle" },
        h("input", { type: "checkbox", "data-where": where, checked: draft.where.includes(where) }), L[where]))));
    body.push(scale("pain", L.pain_scale, draft.pain));
    if (draft.error) body.push(h("p", { class: "player-error", role: "alert", text: draft.error }));
    body.push(button("hurt-done", L.continue, { class: "button-primary player-big" }));
  }
  body.push(h("div", { class: "player-controls" }, button("back", L.previous), button("skip", L.skip)));
  return body;
}

function endScreen() {
  const body = [painNote(), h("h2", { text: state.stopped ? L.end_title_partial : L.end_title })];
  body.push(scale("pain-after", L.pain_now, draft.painAfter), scale("effort", L.effort, draft.effort));
  if (draft.error) body.push(h("p", { class: "player-error", role: "alert", text: draft.error }));
  body.push(button("finish", L.save, { class: "button-primary player-big" }));
  return body;
}

// The day this phone is on, as the server writes dates (YYYY-MM-DD, local time).
function localDay(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// No session without a check-in of today (docs/player.md): a copy kept offline from an
// earlier day, a check-in a finished session used, or a page opened before midnight.
function askForCheckin() {
  checkinFirst = true;
  screen.replaceChildren(...checkinFirstScreen());
  root.dataset.state = "checkin";
}

function checkinFirstScreen() {
  return [
    h("h2", { text: L.checkin_first }),
    h("p", { text: L.checkin_first_text }),
    h("p", {}, h("a", { class: "button button-primary player-big", href: data.urls.checkin, text: L.checkin_go })),
  ];
}

function doneScreen() {
  const sent = state.status === "sent";
  return [
    h("h2", { text: L.end_title }),
    sent && !outbox.counted(state.clientKey)
      ? h("p", { class: "player-not-counted", role: "status", text: L.not_counted })
      : h("p", { class: sent ? "player-saved" : "player-pending", role: "status", text: sent ? L.saved : L.pending }),
    h("p", {}, h("a", { class: "button", href: data.urls.plan, text: L.to_plan })),
  ];
}

// A selector for the same control on the next screen (a redraw replaces the elements).
function sameControl(el) {
  const d = el.dataset;
  if (d.action) return `[data-action="${d.action}"]${d.value ? `[data-value="${d.value}"]` : ""}`;
  if (d.toggle) return `[data-toggle="${d.toggle}"]`;
  if (d.where) return `[data-where="${d.where}"]`;
  if (d.scale) return `[data-scale="${d.scale}"][value="${el.value}"]`;
  return null;
}

function render(force = false) {
  if (checkinFirst) return;
  const key = screenKey();
  if (force || key !== drawn) {
    const focused = screen.contains(document.activeElement) ? document.activeElement : null;
    const again = focused && sameControl(focused);
    const step = steps[state.index];
    let content;
    if (state.status === "intro") content = introScreen();
    else if (state.status !== "running") content = doneScreen();
    else if (step.kind === "feedback") content = feedbackScreen(step);
    else if (step.kind === "end") content = endScreen();
    else content = stepScreen(step);
    screen.replaceChildren(...content.filter(Boolean));
    root.dataset.state = state.status === "running" ? step.kind : state.status;
    root.dataset.paused = String(state.paused);
    drawn = key;
    // Keep the keyboard where it was: the same control, else the screen's heading.
    const target = again && screen.querySelector(again);
    if (target) target.focus();
    else if (focused) {
      const heading = screen.querySelector("h2");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
    }
  }
  update();
}

// The numbers that change every tick: the clock, the phase, the pacer.
function update() {
  const step = steps[state.index];
  if (state.status !== "running" || !step) return;
  const phase = screen.querySelector('[data-bind="phase"]');
  const clock = screen.querySelector('[data-bind="clock"]');
  if (!phase || !clock) return;
  const now = Date.now();
  const t = state.timer;
  if (!t) {
    if (step.kind === "reps") {
      phase.textContent = fill(L.reps_count, { rep: state.repCount, reps: step.reps });
      clock.textContent = String(state.repCount);
    }
    return;
  }
  const secs = secondsLeft(t, now);
  clock.textContent = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}`;
  clock.setAttribute("aria-label", fill(L.seconds_left, { s: secs }));
  let words = { ready: L.get_ready, rest: L.rest, hold: L.hold, timed: L.work }[step.kind] || "";
  if (step.kind === "breathe") {
    const b = breathPhase(step.breathing, elapsed(t, now));
    words = { in: L.breathe_in, out: L.breathe_out, hold: L.breathe_hold }[b.phase];
    const dot = screen.querySelector('[data-bind="pacer"]');
    if (dot) dot.style.transform = `scale(${(0.45 + 0.55 * b.progress).toFixed(3)})`;
    if (!state.paused && !state.waiting && words !== lastSpoken) announce(words);
  } else if (step.kind === "reps") {
    const r = tempoPhase(step.tempo, step.reps, elapsed(t, now));
    const part = { move: L.move, pause: L.pause_phase, back: L.back }[r.phase];
    words = `${fill(L.rep_of, { rep: r.rep, reps: step.reps })} · ${part}`;
    if (!state.paused && !state.waiting && r.phase === "move" && lastSpoken !== String(r.rep)) announce(String(r.rep));
  }
  phase.textContent = words;
}

// --- events ------------------------------------------------------------------------------

function dispatch(event, now = Date.now()) {
  const before = state;
  state = reduce(state, event, steps, items, now);
  if (state === before) return;
  const moved = state.index !== before.index || state.status !== before.status;
  if (moved) {
    document.getElementById("resume-note")?.remove(); // said once, on the step it resumed
    draft = { outcome: null, where: [], pain: null, painAfter: null, effort: null, error: "" };
    const step = steps[state.index];
    if (state.status === "running" && step) {
      const warn = state.painWarning && !before.painWarning ? `${L.high_pain} ` : "";
      announce(warn + stepWords(step));
    }
  }
  if (moved || event.type !== "tick") save();
  if (moved || ["pause", "resume", "adjust", "toggle", "start"].includes(event.type)) scheduleBeeps();
  render();
}

const actions = {
  start: () => {
    // Opened before midnight, started after: the new day needs its own check-in first.
    if (data.session.checked_on !== localDay()) {
      askForCheckin();
      screen.querySelector("a")?.focus(); // the Start button that had focus is gone
      return;
    }
    sound.unlock(); // inside the tap: iOS needs it
    keepAwake();
    dispatch({ type: "start" });
  },
  pause: () => dispatch({ type: "pause" }),
  resume: () => dispatch({ type: "resume" }),
  skip: () => dispatch({ type: "skip" }),
  back: () => dispatch({ type: "back" }),
  continue: () => dispatch({ type: "continue" }),
  rep: () => dispatch({ type: "rep" }),
  plus: () => dispatch({ type: "adjust", ms: ADJUST_MS }),
  minus: () => dispatch({ type: "adjust", ms: -ADJUST_MS }),
  stop: () => {
    if (window.confirm(L.confirm_stop)) dispatch({ type: "stop" });
  },
  outcome: (el) => {
    const outcome = el.dataset.value;
    if (outcome === "hurt") {
      draft = { ...draft, outcome, error: "" };
      render();
    } else {
      dispatch({ type: "feedback", outcome });
    }
  },
  "hurt-done": () => {
    if (!draft.where.length) draft.error = L.choose_where;
    else if (draft.pain === null) draft.error = L.choose_pain;
    else return dispatch({ type: "feedback", outcome: "hurt", where: draft.where, pain: draft.pain });
    render();
  },
  finish: async () => {
    if (draft.painAfter === null || draft.effort === null) {
      draft.error = L.choose_end;
      return render();
    }
    // Into the outbox first, then the state: a tab killed in between then sends the
    // session anyway, instead of forgetting it.
    const event = { type: "finish", painAfter: draft.painAfter, effort: draft.effort };
    const now = Date.now();
    const finished = reduce(state, event, steps, items, now);
    if (finished === state) return;
    await outbox.add(report(finished, data));
    await store.set(checkUsedKey, true).catch(() => {});
    dispatch(event, now);
    send();
  },
};

screen.addEventListener("click", (event) => {
  const el = event.target.closest("[data-action]");
  if (!el || el.disabled) return;
  if (!sound.ready && state.status === "running") sound.unlock(); // after a reload
  actions[el.dataset.action]?.(el);
});

screen.addEventListener("change", (event) => {
  const el = event.target;
  if (el.dataset.toggle) dispatch({ type: "toggle", key: el.dataset.toggle });
  else if (el.dataset.where) {
    draft.where = el.checked ? [...draft.where, el.dataset.where] : draft.where.filter((w) => w !== el.dataset.where);
    draft.error = "";
  } else if (el.dataset.scale) {
    const value = Number(el.value);
    if (el.dataset.scale === "pain") draft.pain = value;
    else if (el.dataset.scale === "pain-after") draft.painAfter = value;
    else draft.effort = value;
    draft.error = "";
  }
  if (el.dataset.toggle && el.dataset.toggle !== "auto" && !state[el.dataset.toggle]) sound.hush();
  if (el.dataset.where || el.dataset.scale) render(); // clears an old "choose first"
});

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState !== "visible") return;
  dispatch({ type: "tick" });
  render(true);
  scheduleBeeps();
  if (state.status === "running" && (!wakeLock || wakeLock.released)) keepAwake();
});

window.addEventListener("online", () => send());

// --- start -------------------------------------------------------------------------------

async function begin() {
  let saved = null;
  try {
    saved = await store.get(stateKey);
  } catch {
    saved = null;
  }
  // A session that ended is in the outbox (or stored): opening the player again starts
  // a new one, with a new key.
  const usable = saved && saved.version === 1 && saved.index < steps.length && ["intro", "running"].includes(saved.status);
  // Only a session started today and under way may go on after a reload.
  const resuming = usable && saved.status === "running" && saved.startedAt !== null && localDay(new Date(saved.startedAt)) === localDay();
  let checkUsed = false;
  try {
    checkUsed = Boolean(await store.get(checkUsedKey));
  } catch {
    checkUsed = false;
  }
  if (!resuming && (data.session.checked_on !== localDay() || checkUsed)) {
    // A new session needs a check-in of today that no finished session used yet.
    askForCheckin();
    send();
    return;
  }
  state = usable && (resuming || saved.status === "intro") ? saved : initialState(data.session.id, crypto.randomUUID(), data.session.high_pain);
  if (resuming) {
    state = reduce(state, { type: "tick" }, steps, items, Date.now());
    live.textContent = L.resume_notice;
    screen.before(h("p", { class: "player-note", id: "resume-note", text: L.resume_notice }));
    keepAwake();
  }
  render(true);
  setInterval(() => dispatch({ type: "tick" }) || update(), 250);
  send(); // replay anything left from before: on open, not only on `online`
}

begin();
