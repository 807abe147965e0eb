// The per-request script nonce, from entry.server.tsx to the <Scripts> in root.tsx.
// In the browser it is "": browsers hide nonces from the DOM, and hydration needs none.
import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext("");

export function NonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>;
}

/** The nonce for inline scripts, or undefined in the browser. */
export function useNonce(): string | undefined {
  return useContext(NonceContext) || undefined;
}
