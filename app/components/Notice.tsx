// A boxed message for empty, error and not-found states.
import type { ReactNode } from "react";

export function Notice({ title, tone = "info", children }: { title: string; tone?: "info" | "error"; children?: ReactNode }) {
  return (
    <section className={`notice notice--${tone}`} role={tone === "error" ? "alert" : undefined} aria-label={title}>
      <h2 className="notice__title">{title}</h2>
      {children}
    </section>
  );
}
