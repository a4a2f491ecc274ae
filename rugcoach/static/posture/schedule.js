// When the next posture reminder is due (issue 14 §2): pure, so Node tests it with chosen
// dates. The schedule comes from houding.json: `days` are Date.getDay() numbers (Sunday
// 0), `times` the reminders' "HH:MM" within work hours (the server computes them, the
// same times as the calendar feed). Times are the browser's wall-clock time.

/** The first reminder strictly after `now` within the next 8 days, or null. */
export function nextReminder(schedule, now) {
  if (!schedule?.on || !schedule.days?.length || !schedule.times?.length) return null;
  for (let offset = 0; offset <= 7; offset += 1) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
    if (!schedule.days.includes(day.getDay())) continue;
    for (const time of schedule.times) {
      const [hours, minutes] = time.split(":").map(Number);
      const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
      if (at > now) return at;
    }
  }
  return null;
}
