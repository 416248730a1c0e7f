/**
 * The stylesheet part of the audit page (joined into the one stylesheet by styles.ts). On a phone one thing at a
 * time: the search and its results, or an open item's history (Back returns to the list). On a laptop the search
 * and results on the left, the open item beside them.
 */
export const CSS = String.raw`.audit .days{display:grid;grid-template-columns:1fr 1fr;gap:0 .75rem}
.audit .days>*,.audit .days input{min-width:0}
.region-choice legend{margin-top:0}
button.link{background:none;border:0;min-height:2rem;padding:0;color:#0b5d4b;font-weight:600;text-decoration:underline;text-align:left}
#actor-filter{align-items:center;margin-top:.75rem}
#actor-filter button{min-height:2.25rem;padding:.2rem .8rem}
.audit .muted{margin:.5rem 0 0}
.audit form .actions button{margin-top:.75rem}
.downloads{margin-top:1rem;border-top:1px solid #e3e7eb;padding-top:.5rem}
.downloads a{display:inline-flex;flex:1 1 8rem;justify-content:center;align-items:center;min-height:44px;padding:0 1rem;border:1px solid #0b5d4b;border-radius:6px;color:#0b5d4b;font-weight:600;text-decoration:none}
.verify{margin-top:.75rem}
.verify>button{width:100%}
#results time,.history time{color:#5b6670;font-size:.9rem}
.audit .badge.t-approved{background:#dff1e4}
.audit .badge.t-rejected,.audit .badge.t-withdrawn{background:#f8e1df}
.audit .badge.t-returned,.audit .badge.t-escalated{background:#fff0c7}
.item-link{font-weight:600;color:#0b5d4b}
.audit-history>.row{align-items:baseline}
.audit-history a.close{display:inline-flex;align-items:center;min-height:44px;padding:0 .5rem;color:#0b5d4b;font-weight:600}
.audit-history h2:focus{outline:none}
dl.item-facts{margin-bottom:.25rem}
dl.item-facts .wide{grid-column:1/-1}
dl.item-facts dd>.ghost{min-height:2.25rem;padding:.2rem .8rem;margin-left:.25rem}
#nik-full{font-size:1.1rem;letter-spacing:.04em}
.history .seq{color:#5b6670;font-variant-numeric:tabular-nums}
.history .actor-line{margin:.15rem 0}
blockquote.comment{margin:.35rem 0;padding:.4rem .6rem;border-left:3px solid #e89b00;background:#fff8e6;white-space:pre-line;overflow-wrap:anywhere}
table.changes{width:100%;border-collapse:collapse;table-layout:fixed;font-size:.93rem;margin:.4rem 0}
table.changes th,table.changes td{border-top:1px solid #e3e7eb;padding:.3rem .35rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.changes code{font-size:.85rem}
details.sent{margin-top:.75rem}
details.sent summary{min-height:44px;display:flex;align-items:center;cursor:pointer;font-weight:600}
@media (max-width:63.99rem){.audit.with-item>.audit-search,.audit.with-item>.audit-results{display:none}}
@media (min-width:64rem){
main:has(>.audit){max-width:76rem}
.audit{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:0 .75rem;align-items:start}
.audit>section{grid-column:1}
.audit:not(.with-item)>.audit-results{grid-column:2;grid-row:1/span 2}
.audit>.audit-history{grid-column:2;grid-row:1/span 2;position:sticky;top:.75rem;max-height:calc(100vh - 1.5rem);overflow:auto}
}`;
