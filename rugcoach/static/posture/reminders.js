// Posture reminders as notifications in the page (issue 14 §2). Loaded on every member
// page by base.html. The member turns them on at /plan/agenda/ with a button: the browser
// asks for permission at that tap (never on page load), then the form saves the choice.
// While a RugCoach tab is open and permission is granted, the next reminder within work
// hours and days is set with setTimeout; a tap on it opens the 2-minute office break.
// One setting drives both: the calendar feed's posture reminders use the same row.
import { nextReminder } from "./schedule.js";

const tag = document.querySelector("script[data-posture-schedule]");
const TAG = "rugcoach-posture"; // one reminder at a time, however many tabs are open
const supported = "Notification" in window;

function show(selector) {
  const note = document.querySelector(selector);
  if (note) note.hidden = false;
}

// The button on the calendar page: ask, then submit the form with that button.
for (const button of document.querySelectorAll("[data-posture-permission]")) {
  if (supported && Notification.permission !== "granted") button.hidden = false;
  button.addEventListener("click", (event) => {
    if (!supported) {
      event.preventDefault();
      show("[data-posture-unsupported]");
      return;
    }
    if (Notification.permission === "granted") return; // nothing to ask: submit
    event.preventDefault();
    Notification.requestPermission().then((answer) => {
      if (answer === "granted") button.form.requestSubmit(button);
      else show("[data-posture-denied]");
    });
  });
}
if (supported && Notification.permission !== "granted") show("[data-posture-permission-note]");
if (!supported) show("[data-posture-unsupported]");

function remind(schedule) {
  const notification = new Notification(schedule.title, { body: schedule.body, tag: TAG });
  notification.addEventListener("click", () => {
    window.focus();
    window.location.assign(schedule.url);
    notification.close();
  });
}

function arm(schedule) {
  const at = nextReminder(schedule, new Date());
  if (!at) return;
  setTimeout(() => {
    remind(schedule);
    arm(schedule);
  }, Math.max(0, at.getTime() - Date.now()));
}

async function start() {
  const response = await fetch(tag.dataset.postureSchedule, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) return;
  const schedule = await response.json();
  if (schedule.on) {
    document.documentElement.dataset.postureArmed = "";
    arm(schedule);
  }
}

// Nothing to fetch without permission: the reminders could not be shown anyway.
if (tag && supported && Notification.permission === "granted") start().catch(() => {});
