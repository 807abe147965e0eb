// The CSRF form field's name, shared by the forms (rendered in the browser too) and the server
// check in csrf.server.ts. It lives outside a .server module because the browser build empties
// those: a field named from one has no name after a client-side navigation.
export const CSRF_FIELD = "csrf";
