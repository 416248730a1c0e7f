/**
 * The stylesheet part of the officials' pages: the inbox (counts, search and filters, the list, and on a laptop the
 * open item beside it), the decision panel, and the notifications (joined into the one stylesheet by styles.ts).
 */
export const CSS = String.raw`.inbox-counts{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:.5rem;margin:.25rem 0 .5rem}
.tile{border:1px solid #d5dbe1;border-radius:6px;padding:.35rem .4rem;text-align:center;background:#f8fafb}
.tile .n{display:block;font-size:1.45rem;font-weight:700;line-height:1.2}
.tile .what{display:block;font-size:.82rem;color:#5b6670;line-height:1.25;overflow-wrap:anywhere;hyphens:auto}
.tile.alarm{border-color:#b3261e;background:#fdecea}
.tile.alarm .n,.tile.alarm .what{color:#8c1d18}
.search label{margin-top:.25rem}
.search>div{display:flex;gap:.5rem}
.search input{flex:1 1 auto;min-width:0}
.search button[type=submit]{flex:none;width:auto;margin-top:0}
.inbox-filters details{margin:.5rem 0}
.inbox-filters summary{cursor:pointer;font-weight:600;padding:.6rem 0}
.filter-grid{display:grid;grid-template-columns:minmax(0,1fr);gap:0 .75rem}
.inbox-filters label.check{margin-top:.5rem}
#f-clear{margin-top:.25rem}
.inbox-list{margin-top:.5rem}
.inbox-list>li{padding:.15rem 0}
a.open{display:block;color:inherit;text-decoration:none;padding:.45rem .4rem;border-radius:6px}
a.open>span{display:block;margin:.1rem 0}
a.open>span.row{display:flex;align-items:baseline}
a.open:hover{background:#f1f6f4}
a.open .number{color:#0b5d4b;text-decoration:underline;white-space:nowrap}
.inbox-item.selected>a.open{background:#e3f0ec;box-shadow:inset 4px 0 0 #0b5d4b}
.badges{display:inline-flex;flex-wrap:wrap;gap:.25rem}
.u-urgent{background:#fff0c7}
.u-emergency{background:#b3261e;color:#fff}
a.open>.dupe-flag{display:inline-block;margin-top:.2rem;padding:0 .45rem;border-radius:4px;background:#fff4d6;border:1px solid #e8cd84;color:#5c4000;font-size:.9rem}
.inbox-detail .row>h2{margin-bottom:0}
.inbox-detail dl{grid-template-columns:minmax(6rem,38%) 1fr;margin-bottom:.35rem}
.decide .confirm{margin-top:.75rem;padding:.6rem .75rem;border:2px solid #0b5d4b;border-radius:6px;background:#f3faf7}
.decide .confirm p{margin:0 0 .25rem}
.decide .actions button.ghost{color:#0b5d4b}
.notif-tools{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
.notif-list>li{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:flex-start;justify-content:space-between;padding:.6rem .25rem}
.notif-list>li>div{flex:1 1 14rem;min-width:0}
.notif-list>li.unread{box-shadow:inset 4px 0 0 #e89b00;padding-left:.75rem}
.notif-list>li.unread .text{font-weight:600}
.notif-list a{color:#0b5d4b}
.notif-list .badge.new{background:#e89b00;color:#1b1f24;margin-right:.35rem}
@media (min-width:30rem){.filter-grid{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media (min-width:64rem){
main:has(>.inbox){max-width:76rem}
.inbox.two{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:.75rem;align-items:start}
.inbox-detail{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow:auto}
.filter-grid{grid-template-columns:repeat(3,minmax(0,1fr))}
}`;
