/**
 * The referral pages' part of the stylesheet (joined by styles.ts): the list with its outbox, the item page with
 * its facts, timeline and correction form beside the official's note, and the new-referral form. Mobile first;
 * from a laptop's width the page widens and the note sits beside the form.
 */
export const CSS = String.raw`a.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:.45rem 1.1rem;border-radius:6px;background:#0b5d4b;color:#fff;font-weight:600;text-decoration:none}
a.button:focus-visible{outline:3px solid #e89b00}
.row>a,.row>a.button{align-self:center}
.filters{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem;margin:.5rem 0}
.filters label{margin:0;flex:1 0 100%}
.filters select{flex:1 1 10rem;width:auto}
a.item{display:block;color:inherit;text-decoration:none;padding:.2rem 0}
a.item>span{display:block;margin:.1rem 0}
a.item>span.row{display:flex}
a.item strong{color:#0b5d4b;text-decoration:underline}
a.item:focus-visible{outline:3px solid #e89b00}
.who{font-weight:600}
.list>li.refused,.list>li.waiting{padding:.6rem .5rem;border-radius:6px}
.list>li.waiting{background:#fffaf0}
.list>li.refused{background:#fdf3f2}
.note,.comment{white-space:pre-line;overflow-wrap:anywhere}
a.back{display:inline-block;margin-bottom:.5rem;color:#0b5d4b;min-height:44px;line-height:44px}
.draft-note p,.dupes p{margin:0}
.dupes ul{margin:.25rem 0 0;padding-left:1.2rem}
.confirm{border:1px solid #e8cd84;background:#fffaf0;border-radius:6px;padding:.6rem .75rem;margin-top:.5rem}
.confirm p{margin:.2rem 0}
.return-note{border-left:4px solid #e89b00;background:#fff8e6;padding:.5rem .75rem;border-radius:0 6px 6px 0;margin-bottom:.75rem}
.return-note h3{margin:0 0 .25rem}
.timeline>li,.decisions>li{padding:.45rem 0}
#item dl{grid-template-columns:minmax(6rem,42%) 1fr}
#item dt{font-size:.93rem;overflow-wrap:break-word}
#next ol{margin:.25rem 0 .5rem;padding-left:1.4rem}
#filed .actions a:not(.button){align-self:center}
@media (min-width:64rem){
main:has(#item),main:has(#ref-form){max-width:72rem}
.item-cols{display:grid;grid-template-columns:minmax(0,7fr) minmax(0,5fr);gap:0 .75rem;align-items:start}
#item dl{grid-template-columns:12rem 1fr}
.beside{display:grid;grid-template-columns:14rem minmax(0,1fr);gap:1rem;align-items:start}
.beside .return-note{position:sticky;top:.75rem}
main:has(#ref-form){display:grid;grid-template-columns:1fr 20rem;gap:0 1rem;align-items:start}
main:has(#ref-form)>section#next{position:sticky;top:.75rem}
}`;
