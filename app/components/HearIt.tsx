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
      <svg className="hear-it__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M4 9v6h4l5 4V5L8 9H4z" />
        {speaking ? null : (
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
          />
        )}
      </svg>
      {speaking ? "Stop" : label}
    </button>
  );
}
