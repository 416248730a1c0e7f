/**
 * Where the browser keeps the account last signed in (lib/account.ts): its own module, free of the DOM, so the page
 * benchmark can seed a browser as the sign-in page would have left it.
 */
export const ACCOUNT_KEY = "rujuk.me";
