/** @type {import('@remix-run/dev').AppConfig} */
export default {
  cacheDirectory: "./node_modules/.cache/remix",
  ignoredRouteFiles: ["**/.*", "**/*.test.{js,jsx,ts,tsx}"],
  // Sandbox and the deployed app serve `@static` (public/) under /_static/.
  publicPath: "/_static/build/",
  server: "server.ts",
  // Architect's `@http /*` Lambda is `src server` in app.arc.
  serverBuildPath: "server/index.mjs",
  serverModuleFormat: "esm",
  // React Router v7 behaviour, opted into early (single fetch is not: it changes how loaders'
  // data and headers travel, and wants its own change).
  future: {
    v3_fetcherPersist: true,
    v3_lazyRouteDiscovery: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
};
