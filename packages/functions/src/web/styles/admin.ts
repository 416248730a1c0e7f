/** The stylesheet part of the admin pages (joined into the one stylesheet by styles.ts). */
export const CSS = String.raw`.users-list .row{align-items:baseline}
.to-new{font-weight:600;color:#0b5d4b}
li.account p{margin:.1rem 0}
.account .username{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}
.account .badge{white-space:nowrap}
.account .who .badge{margin-left:.4rem}
.account .where{display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:center}
.account .state:empty{display:none}
.account.off .who,.account.off .where{color:#5b6670}
.account .actions{margin-top:.4rem}
.account .actions button{flex:1 1 9rem;min-width:0}
.confirm,.otp-box{margin-top:.5rem;padding:.6rem .75rem;border-radius:6px}
.confirm{background:#fff4d6;border:1px solid #e8cd84;color:#5c4000}
.confirm p{margin:0}
.otp-box{background:#e6f4ea;border:1px solid #a3d3b1}
.otp-box>p{margin:.1rem 0}
.otp code{display:inline-block;font:600 1.2rem/1.3 ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.04em;padding:.2rem .4rem;background:#fff;border-radius:4px;user-select:all;white-space:nowrap}
.region-picker{margin-top:.8rem}
.region-picker legend{margin:0 0 .25rem}
.region-picker label{font-weight:400;margin:.5rem 0 .2rem}
#region-fixed{margin:0;padding:.45rem 0}
@media (min-width:64rem){
main:has(>.users){max-width:76rem}
.users{display:grid;grid-template-columns:minmax(0,1fr) 23rem;gap:.75rem;align-items:start}
.users>section{margin:0}
li.account{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr) 23.5rem;gap:.1rem .75rem;align-items:center}
li.account>.confirm,li.account>.otp-box,li.account>.alert{grid-column:1/-1}
.account .who{grid-column:1;grid-row:1/3}
.account .where{grid-column:2;grid-row:1}
.account .state{grid-column:2;grid-row:2}
.account .actions{grid-column:3;grid-row:1/3;margin:0;flex-wrap:nowrap;justify-content:flex-end}
.account .actions button{flex:none;padding:.4rem .8rem}
.otp code{font-size:1.35rem}
}`;
