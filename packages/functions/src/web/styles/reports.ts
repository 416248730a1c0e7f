/**
 * The stylesheet part of the reports pages (joined into the one stylesheet by styles.ts): the list (/laporan), the
 * form (/laporan/baru) and a report's page (/laporan/:id). Phone first; on a laptop the counts take two or three
 * columns and a report's page sets its history beside its facts, the official's note beside the edit form.
 */
export const CSS = String.raw`.reports a.button,.report-done a.button,.revise a.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:.45rem 1.1rem;border-radius:6px;background:#0b5d4b;color:#fff;font-weight:600;text-decoration:none}
.reports a.button.ghost,.report-done a.button.ghost{background:transparent;color:#0b5d4b;border:1px solid currentColor}
.reports-head{align-items:center}
.reports .field select{max-width:16rem}
.reports .report-link strong{color:#0b5d4b;text-decoration:underline}
.reports .warn-text{color:#5c4000;font-weight:600}
.reports li.refused .alert{margin:.4rem 0}
.reports li.refused .actions a.button,.reports li.refused .actions button{flex:1 1 8rem}
.badge.s-waiting{background:#fff0c7}
.report-done .actions>*{flex:1 1 10rem}
.counts{margin-top:.8rem}
.counts .hint{margin:.1rem 0 .4rem}
.count-grid{display:grid;grid-template-columns:1fr;gap:0 1rem}
.count-grid .field{display:grid;grid-template-columns:1fr 5.5rem;gap:0 .6rem;align-items:center;border-top:1px solid #e3e7eb;padding:.15rem 0}
.count-grid .field label{font-weight:400;margin:.3rem 0;line-height:1.25}
.count-grid .field .err{grid-column:1/-1}
.count-grid input{text-align:right}
.pre{white-space:pre-line;overflow-wrap:anywhere;margin:0}
.counts-table{width:100%;border-collapse:collapse}
.counts-table th{font-weight:400;text-align:left;padding:.35rem .5rem .35rem 0;border-top:1px solid #e3e7eb}
.counts-table td{text-align:right;padding:.35rem 0;border-top:1px solid #e3e7eb;font-variant-numeric:tabular-nums;width:4rem}
.counts-table tfoot th,.counts-table tfoot td{font-weight:700;border-top:2px solid #7d8a97}
.report-head .back{display:inline-block;margin-bottom:.5rem;color:#0b5d4b}
.report-head .row{align-items:center}
.return-note{background:#fff4d6;border:1px solid #e8cd84;border-radius:6px;padding:.6rem .75rem;margin:.5rem 0}
.return-note h3{margin:0 0 .25rem}
.return-note .note-text{white-space:pre-line;overflow-wrap:anywhere;margin:0 0 .25rem;font-weight:600}
@media (min-width:40rem){.count-grid{grid-template-columns:1fr 1fr}}
@media (min-width:64rem){
main:has(>.report-page),main:has(>.report-form){max-width:76rem}
.report-form .count-grid{grid-template-columns:1fr 1fr 1fr}
.report-page{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 .75rem;align-items:start}
.report-page>section{grid-column:1}
.report-page>.report-head,.report-page>.revise{grid-column:1/-1}
.report-page>.decide,.report-page>section[aria-labelledby=decisions-h],.report-page>section[aria-labelledby=timeline-h],.report-page>.withdraw{grid-column:2}
.revise-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,2fr);gap:1rem;align-items:start}
.revise-grid .return-note{position:sticky;top:.75rem;margin:0}
}`;
