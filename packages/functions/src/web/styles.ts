import { CSS as ADMIN } from "./styles/admin.ts";
import { CSS as AUDIT } from "./styles/audit.ts";
import { CSS as CHROME } from "./styles/chrome.ts";
import { CSS as INBOX } from "./styles/inbox.ts";
import { CSS as OFFLINE } from "./styles/offline.ts";
import { CSS as REFERRALS } from "./styles/referrals.ts";
import { CSS as REPORTS } from "./styles/reports.ts";

/** The one stylesheet of the web UI: mobile first (360px phones), system fonts only, nothing loaded from elsewhere. */
const BASE = String.raw`*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f1f4f6}
header{background:#0b5d4b;color:#fff;padding:.5rem 1rem}
header>div{max-width:40rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;justify-content:space-between}
h1{font-size:1.25rem;margin:0}
#who{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;font-size:.95rem}
main{max-width:40rem;margin:0 auto;padding:.75rem}
section{background:#fff;border:1px solid #d5dbe1;border-radius:8px;padding:1rem;margin-bottom:.75rem}
h2{font-size:1.15rem;margin:0 0 .5rem}
small{font-weight:400;color:#5b6670}
header small{color:#cfe5df}
label,legend{display:block;font-weight:600;margin:.8rem 0 .25rem;padding:0}
input,select,textarea,button{font:inherit}
input:not([type=checkbox]):not([type=radio]),select,textarea{display:block;width:100%;min-height:44px;padding:.45rem .55rem;border:1px solid #7d8a97;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:5.5rem;resize:vertical}
:focus-visible{outline:3px solid #e89b00;outline-offset:1px}
[aria-invalid=true]{border:2px solid #b3261e!important}
fieldset{border:0;padding:0;margin:0;min-width:0}
.choice{display:flex;flex-wrap:wrap;gap:0 1.5rem}
.choice label,label.check{display:flex;align-items:center;gap:.6rem;font-weight:400;margin:.2rem 0;min-height:44px}
input[type=radio],input[type=checkbox]{width:1.35rem;height:1.35rem;margin:0;flex:none}
button{min-height:44px;padding:.45rem 1.1rem;border:0;border-radius:6px;background:#0b5d4b;color:#fff;font-weight:600;cursor:pointer}
button[disabled]{opacity:.65;cursor:progress}
button.ghost{background:transparent;color:inherit;border:1px solid currentColor}
form button[type=submit]{width:100%;margin-top:1rem}
.err{color:#b3261e;margin:.25rem 0 0;font-size:.95rem}
.alert,.ok,.warn{padding:.6rem .75rem;border-radius:6px;margin:.75rem 0 0}
.alert{background:#fdecea;color:#8c1d18;border:1px solid #efa9a2}
.ok{background:#e6f4ea;color:#0d5223;border:1px solid #a3d3b1}
.warn{background:#fff4d6;color:#5c4000;border:1px solid #e8cd84}
.alert:empty,.ok:empty,.warn:empty,.err:empty{display:none}
[hidden]{display:none!important}
.muted{color:#5b6670;font-size:.93rem;margin:0}
.list{list-style:none;padding:0;margin:0}
.list>li{border-top:1px solid #e3e7eb;padding:.6rem 0}
.list>li:first-child{border-top:0}
.list p{margin:.1rem 0}
h3{font-size:1rem;margin:1rem 0 .25rem}
dl{margin:0;display:grid;grid-template-columns:minmax(6rem,auto) 1fr;gap:.2rem .75rem}
dt{color:#5b6670}dd{margin:0;overflow-wrap:anywhere;white-space:pre-line}
button.open{display:block;width:100%;text-align:left;background:transparent;color:inherit;font-weight:400;padding:.2rem 0}
button.open>span{display:block;margin:.1rem 0}
button.open strong{color:#0b5d4b;text-decoration:underline}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
.actions button{flex:1 1 6rem}
button.danger{background:#b3261e}
.count{display:inline-block;min-width:1.4rem;padding:0 .35rem;border-radius:999px;background:#e89b00;color:#1b1f24;font-size:.85rem}
.count:empty{display:none}
.late{background:#b3261e;color:#fff}
.read{color:#5b6670}
.row{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem .5rem;margin:0}
.row>h2{flex:1 1 8rem}
.badge{font-size:.85rem;padding:.05rem .55rem;border-radius:999px;background:#e3e9ef}
.s-approved{background:#dff1e4}.s-rejected,.s-withdrawn{background:#f8e1df}.s-returned{background:#fff0c7}
.more{width:100%;margin-top:.5rem}
`;

/** The one stylesheet: the base, then each area's part (styles/), every page loads it once per release. */
export const APP_CSS = [BASE, CHROME, REFERRALS, REPORTS, INBOX, AUDIT, ADMIN, OFFLINE].filter(Boolean).join("\n");
