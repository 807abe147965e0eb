// "Hear it": reads the numbers aloud the way the contact flow says them, with the browser's own
// speech synthesis. Rendered only once the page knows the browser has one (never without
// JavaScript, never where speechSynthesis is missing), so it never shows a button that does nothing.
import { useEffect, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};
const hasSpeech = () => "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
const onServer = () => false;

export function HearIt({ text, label = "Hear it" }: { text: string; label?: string }) {
  // False on the server and while hydrating, so the markup matches; then what the browser has.
  const supported = useSyncExternalStore(noSubscription, hasSpeech, onServer);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => (hasSpeech() ? window.speechSynthesis.cancel() : undefined), []);
  if (!supported) return null;

  const toggle = () => {
    const synth = window.speechSynthesis;
    synth.cancel();
    if (speaking) return setSpeaking(false);
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "en-US";
    utterance.rate = 0.9; // the flow's pace: numbers are hard to take in fast
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    setSpeaking(true);
    synth.speak(utterance);
  };
  return (
    <button
      type="button"
      className="button button--quiet button--small hear-it"
      onClick={toggle}
      aria-pressed={speaking}
      data-speech={text}
    >
      {speaking ? "Stop" : `🔊 ${label}`}
    </button>
  );
}
