/** The typed pages' header: the app's name, the role's pages, who is signed in (joined by styles.ts). */
export const CSS = String.raw`header h1 a{color:inherit;text-decoration:none}
header nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header nav a{color:#fff;font-weight:600;text-decoration:none;padding:.35rem 0;border-bottom:2px solid transparent}
header nav a[aria-current=page]{border-bottom-color:#e89b00}
header nav a:focus-visible{outline-color:#e89b00}
.field .hint{margin:0 0 .25rem;color:#5b6670;font-size:.9rem}
@media (min-width:64rem){header>div{max-width:76rem}}`;
