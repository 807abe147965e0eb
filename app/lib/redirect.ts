// Where to go after signing in. Only a path on this site: "/callers/+1800…" yes;
// "https://evil.example", "//evil.example", "/\\evil.example" or "javascript:…" no.
export const DEFAULT_AFTER_SIGN_IN = "/";

/** `to` if it is a same-site relative path (with its query and hash), else `fallback`. */
export function safeRedirect(to: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  // "//host" and "/\host" are protocol-relative in browsers; control characters hide tricks.
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\") || hasControlCharacter(to)) return fallback;
  const base = "http://same.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // Check again after the URL parser has resolved dot segments and percent-encoded dots:
  // "/.//evil.example" and "/%2e%2e//evil.example" come out as "//evil.example".
  if (url.pathname.startsWith("//") || url.pathname.includes("\\")) return fallback;
  // Signing in again from the sign-in or sign-out pages would loop.
  if (url.pathname === "/login" || url.pathname === "/logout") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
