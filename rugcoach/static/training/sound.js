// Beeps on the AudioContext's own clock and a voice through speechSynthesis. Both are
// started inside the Start tap (iOS plays nothing a page starts on its own), and both
// can be switched off. Beeps are scheduled ahead at exact audio times, so they sound on
// time even when the page's timers are slowed down.
export function createSound({ lang }) {
  let ctx = null;
  let scheduled = [];
  const synth = typeof speechSynthesis === "undefined" ? null : speechSynthesis;

  function unlock() {
    const Context = globalThis.AudioContext || globalThis.webkitAudioContext;
    if (!ctx && Context) ctx = new Context();
    if (ctx && ctx.state === "suspended") ctx.resume();
    if (ctx) {
      // A silent buffer played in the tap unlocks audio on iOS.
      const source = ctx.createBufferSource();
      source.buffer = ctx.createBuffer(1, 1, 22050);
      source.connect(ctx.destination);
      source.start(0);
    }
    if (synth) {
      const hush = new SpeechSynthesisUtterance(" ");
      hush.volume = 0;
      synth.speak(hush);
    }
  }

  function beep(inSeconds, frequency, length) {
    if (!ctx || inSeconds < 0) return;
    const at = ctx.currentTime + inSeconds;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + length + 0.02);
    scheduled.push(osc);
  }

  function cancel() {
    for (const osc of scheduled) {
      try {
        osc.stop();
      } catch {
        // already stopped
      }
    }
    scheduled = [];
  }

  // Three short beeps on the last three seconds and a long one at zero.
  function countdown(remainingMs) {
    cancel();
    const left = remainingMs / 1000;
    for (const s of [3, 2, 1]) if (left - s >= 0) beep(left - s, 660, 0.12);
    beep(left, 990, 0.4);
  }

  function say(text) {
    if (!synth || !text) return;
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    synth.speak(utterance);
  }

  function hush() {
    cancel();
    if (synth) synth.cancel();
  }

  return { unlock, countdown, cancel, say, hush, get ready() { return Boolean(ctx); } };
}
