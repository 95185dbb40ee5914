/**
 * A live "m:ss" countdown to an epoch-ms deadline, updated every second.
 */
import { useEffect, useState } from 'react';
import { countdownText } from '../lib/phone-text.js';

/** Renders the time left; re-renders once a second until expiry. */
export function Countdown(props: { expiresAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [props.expiresAt]);
  const text = countdownText(props.expiresAt, now);
  return (
    <span className="countdown" role="timer" aria-live="off">
      {text === 'expired' ? 'Code expired' : `Expires in ${text}`}
    </span>
  );
}
