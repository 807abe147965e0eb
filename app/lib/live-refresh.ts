// A page that updates itself: the loaders run again every `ms` while the tab is visible (and at
// once when it becomes visible again), paused while it is hidden. Without JavaScript nothing runs
// and the page stays as the server sent it.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export const LIVE_REFRESH_MS = 15_000;

/** Starts the refresh; true once it runs (after hydration), so the page can say it is live. */
export function useLiveRefresh(ms: number = LIVE_REFRESH_MS): boolean {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  const [live, setLive] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (latest.current.state === "idle") latest.current.revalidate();
      schedule();
    };
    const schedule = () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") timer = setTimeout(refresh, ms);
    };
    const onVisibility = () => (document.visibilityState === "visible" ? refresh() : clearTimeout(timer));
    document.addEventListener("visibilitychange", onVisibility);
    schedule();
    setLive(true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [ms]);
  return live;
}
