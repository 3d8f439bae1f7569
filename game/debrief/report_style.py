"""The report's stylesheet: screen first, with print rules for A4 (one part per page)."""

CSS = """
:root { --ink:#222; --muted:#666; --line:#d7d7d7; --accent:#1f4e79; --bg:#fafafa; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 1120px; padding: 24px 28px; line-height: 1.45; font-size: 15px; }
h1 { font-size: 30px; margin: 4px 0 8px; color: var(--accent); }
h2 { font-size: 23px; color: var(--accent); border-bottom: 3px solid var(--accent);
  padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 17px; margin: 22px 0 6px; }
h4 { font-size: 15px; margin: 14px 0 4px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0;
  font-size: 12px; }
.summary { max-width: 80ch; }
.lead { font-size: 15.5px; max-width: 85ch; }
.hint { color: var(--muted); font-size: 13px; margin: 2px 0 8px; }
.note { background: #fff4d6; border-left: 4px solid #e6a700; padding: 6px 10px; }
.tag { font-size: 14px; background: var(--accent); color: #fff; border-radius: 10px;
  padding: 1px 9px;
  vertical-align: middle; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: #eef2f6; font-weight: 600; }
td.num, td.score { text-align: center; white-space: nowrap; }
td.score b { display: block; font-size: 14px; }
td.score small { color: #555; font-size: 10.5px; }
td.score small.ref { display: block; }
th.rowhead { background: #f6f6f6; font-weight: 600; }
tr.total th, tr.total td { border-top: 2px solid #999; font-weight: 600; }
th.player { background: #dfe9f5; }
table.meta td, table.meta th { border: none; padding: 1px 10px 1px 0; font-size: 13px; }
table.scores thead th { text-align: center; }
table.scores.compact { font-size: 12px; }
table.scores.compact td.score small { display: none; }
table.scores.compact th.rowhead { white-space: nowrap; }
table.objectives.bysession td.met, table.objectives.bysession td.missed { white-space: normal; }
table.bysession th.run { text-align: center; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.icon { display: inline-block; vertical-align: -1px; margin-right: 6px; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px;
  font-size: 13px; }
ul.facts li { margin: 2px 0; }
td.met { background: #ddf3e4; font-weight: 600; }
td.missed { background: #fbe3e1; font-weight: 600; }
table.objectives td.met, table.objectives td.missed { white-space: nowrap; }
td.met small, td.missed small { font-weight: normal; }
td.place { font-size: 20px; font-weight: 700; text-align: center; }
th.obj { font-weight: normal; font-size: 11.5px; }
td.warn { background: #fbe3e1; }
td.pillar.good { background: #ddf3e4; }
th.pillar { background: #e9f3ea; }
table.timeline td.month { width: 3.5em; text-align: center; font-weight: 700; }
table.timeline td.month.cont { color: #bbb; font-weight: normal; }
.glance { background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
  padding: 2px 16px 8px; margin-top: 14px; }
.glance h2 { border: none; font-size: 18px; margin: 10px 0 4px; }
.glance table { background: #fff; }
ul.ranklist { list-style: none; padding-left: 4px; }
table.timeline td.kind { width: 8.5em; }
table.timeline td.who { width: 14em; font-size: 12px; color: #444; }
table.timeline tr.major td { background: #fffdf2; }
small.cause { color: #555; }
.pill { display: inline-block; border-radius: 9px; padding: 0 7px; font-size: 11px;
  white-space: nowrap;
  background: #eee; }
.pill.event { background: #e6e0f5; } .pill.decision { background: #dfe9f5; }
.pill.partnership { background: #ddf3e4; } .pill.setback { background: #fbe3e1; }
.pill.success { background: #d9f2ec; } .pill.turning_point { background: #fff0c9; }
.pill.what { background: #dfe9f5; } .pill.so_what { background: #fff0c9;
  } .pill.now_what { background: #ddf3e4; }
figure { margin: 12px 0 18px; }
figure.chartblock { break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 13.5px; margin-bottom: 4px; }
img.chart, img.network { width: 100%; height: auto; display: block; }
ol.marks { font-size: 12.5px; margin: 4px 0 0; padding-left: 26px; }
ol.marks li { margin: 1px 0; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 18px; }
figure.small { margin: 4px 0; break-inside: avoid; page-break-inside: avoid; }
article.chain { border: 1px solid var(--line); border-left: 5px solid var(--accent);
  padding: 6px 12px;
  margin: 10px 0; break-inside: avoid; page-break-inside: avoid; background: #fff; }
article.chain.missed_breakup, article.chain.missed_trust, article.chain.unevaluated_crisis
  { border-left-color: #c0392b; }
article.chain.approval_tension { border-left-color: #e6a700; }
article.chain.dialogue_deal { border-left-color: #2e8b57; }
article.chain.duplication_waste { border-left-color: #8e44ad; }
article.chain h4 { margin-top: 4px; }
.story { margin: 4px 0; }
ol.steps { font-size: 13px; margin: 4px 0; }
ol.steps .month { font-weight: 700; margin-right: 4px; }
.lesson { font-style: italic; color: #333; margin: 4px 0; }
ol.questions li { margin: 4px 0; }
.empty { color: var(--muted); font-style: italic; }
.reveal article.revealcard { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px;
  margin: 10px 0; break-inside: avoid; page-break-inside: avoid; }
.desc { color: #444; font-size: 13.5px; margin: 2px 0 6px; }
.mission-title { font-weight: 600; margin: 4px 0 2px; font-size: 13px; }
.bar { display: grid; grid-template-columns: 16em 1fr 3.5em; align-items: center; gap: 8px;
  font-size: 13px; }
.bar .track { background: #eee; height: 10px; border-radius: 5px; overflow: hidden; }
.bar .fill { display: block; height: 100%; }
.bar .pct { text-align: right; }
.agenda { background: #fff4d6; padding: 6px 10px; border-radius: 4px; margin: 8px 0 4px; }
.agenda.none { background: #f2f2f2; color: var(--muted); }
.known { color: var(--muted); font-size: 12.5px; margin: 2px 0; }
nav.toc { background: var(--bg); border: 1px solid var(--line); padding: 4px 16px;
  margin-top: 14px; }
nav.toc h2 { border: none; font-size: 16px; margin: 8px 0 0; }
nav.toc ol { margin: 6px 0 10px; }
nav.toc ol ol { margin: 2px 0 4px; list-style: lower-alpha; }
a { color: var(--accent); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
  padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0 2px; font-size: 10pt; }
  h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 0; } h3 { font-size: 12pt; }
  section.part { break-before: page; page-break-before: always; }
  table { font-size: 8.5pt; }
  td.score b { font-size: 9.5pt; }
  td.score small { font-size: 7pt; }
  thead { display: table-header-group; }
  tr, img { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .grid2 { grid-template-columns: 1fr 1fr; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
