#pragma once
// The stylesheet of the HTML report: inline, so the page is one self-contained file.

#include <string_view>

namespace docpipe::exporter {

/// Base styles; entity colours are appended per page (see format_html.cpp).
inline constexpr std::string_view html_stylesheet = R"css(
:root {
  --paper: #fbfaf7; --ink: #1f2328; --muted: #5f6670; --rule: #e4e0d8; --card: #ffffff;
  --accent: #8a5a00; --summary-bg: #fff4cc; --summary-ink: #4d3900;
  --repair: #137333; --repair-bg: #e6f4ea; --tip-bg: #26282c; --tip-ink: #f6f6f6;
  --serif: Charter, "Bitstream Charter", "Charis SIL", "Iowan Old Style", "Palatino Linotype",
           Palatino, P052, "URW Palladio L", Georgia, "Noto Serif", "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Inter, Roboto, "Noto Sans", "Liberation Sans",
          "DejaVu Sans", sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --paper: #16181c; --ink: #e6e6e3; --muted: #9aa1ab; --rule: #30343a; --card: #1d2025;
    --accent: #f0b44c; --summary-bg: #3a3112; --summary-ink: #f4e3a6;
    --repair: #7fd69a; --repair-bg: #1d3325; --tip-bg: #f1f1ef; --tip-ink: #1b1b1b;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.5 var(--sans); text-rendering: optimizeLegibility;
}
.page { max-width: 1180px; margin: 0 auto; padding: 40px 32px 64px; }
nav.documents {
  font-size: 14px; margin-top: 72px; padding-top: 32px; border-top: 1px solid var(--rule);
  color: var(--muted);
}
nav.documents a { color: var(--accent); margin-right: 14px; display: inline-block; }
p.contents-link { font-size: 14px; margin: 0 0 32px; }
p.contents-link a { color: var(--accent); }
/* An entity type first seen after the page's head was written carries its colours inline. */
.late { --ent-bg: var(--ent-l); }
@media (prefers-color-scheme: dark) { .late { --ent-bg: var(--ent-d); } }
article.document + article.document { margin-top: 72px; padding-top: 48px; border-top: 1px solid var(--rule); }
header.doc-header { margin-bottom: 28px; }
.eyebrow {
  font-size: 12px; letter-spacing: .12em; text-transform: uppercase; color: var(--accent);
  font-weight: 600; margin: 0 0 6px;
}
h1.doc-title {
  font-family: var(--serif); font-weight: 700; font-size: 34px; line-height: 1.2;
  margin: 0 0 8px; letter-spacing: -0.01em; overflow-wrap: anywhere;
}
.doc-meta { color: var(--muted); font-size: 14px; margin: 0; }
.doc-meta span + span::before { content: "·"; margin: 0 8px; color: var(--rule); }
section.summary {
  background: var(--summary-bg); color: var(--summary-ink); border-radius: 10px;
  padding: 20px 24px; margin: 0 0 36px; border-left: 5px solid var(--accent);
}
section.summary h2 { margin: 0 0 8px; }
section.summary p.summary-text {
  font-family: var(--serif); font-size: 19px; line-height: 1.6; margin: 0; overflow-wrap: anywhere;
}
section.summary p.summary-note { font-size: 13px; margin: 10px 0 0; opacity: .8; }
h2.section-title {
  font-size: 12px; letter-spacing: .12em; text-transform: uppercase; font-weight: 700;
  color: var(--muted); margin: 0 0 12px;
}
section.summary h2.section-title { color: var(--summary-ink); opacity: .85; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 48px; align-items: start; }
@media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } }
.text { font-family: var(--serif); font-size: 19px; line-height: 1.75; max-width: 70ch; }
.text p { margin: 0 0 1.1em; overflow-wrap: anywhere; hyphens: auto; }
.text h3.subhead {
  font-family: var(--serif); font-size: 23px; line-height: 1.3; margin: 1.6em 0 .6em;
  overflow-wrap: anywhere;
}
.text p.credit {
  font-family: var(--sans); font-size: 13px; line-height: 1.5; color: var(--muted);
  margin: -0.4em 0 1.6em;
}
.text p.empty-text { color: var(--muted); font-style: italic; }
.in-summary {
  background: linear-gradient(to bottom, transparent 12%, var(--summary-bg) 12%, var(--summary-bg) 92%, transparent 92%);
  box-decoration-break: clone; -webkit-box-decoration-break: clone;
}
mark.entity {
  color: inherit; background: var(--ent-bg); border-bottom: 2px solid var(--ent);
  border-radius: 3px; padding: 0 2px; box-decoration-break: clone; -webkit-box-decoration-break: clone;
}
.repair { position: relative; cursor: help; outline: none; }
.repair ins {
  text-decoration: underline dotted var(--repair); text-decoration-thickness: 2px;
  text-underline-offset: 4px; color: var(--repair); background: var(--repair-bg); border-radius: 3px;
}
.repair.deletion::before {
  content: "⌫"; font-size: .7em; padding: 0 2px; color: var(--repair); background: var(--repair-bg);
  border-radius: 3px;
}
.repair del {
  display: none; position: absolute; z-index: 10; left: 0; bottom: calc(100% + 8px);
  width: max-content; max-width: 26em; padding: 6px 10px; border-radius: 6px;
  background: var(--tip-bg); color: var(--tip-ink); font: 14px/1.4 var(--sans);
  text-decoration: line-through; text-decoration-color: rgba(255, 120, 120, .9);
  box-shadow: 0 4px 14px rgba(0, 0, 0, .18); overflow-wrap: anywhere; white-space: normal;
}
.repair del::before {
  content: "was: "; text-decoration: none; display: inline-block; margin-right: 4px;
  font-size: 11px; letter-spacing: .08em; text-transform: uppercase; opacity: .7;
}
.repair:hover del, .repair:focus del { display: block; }
aside.panel {
  position: sticky; top: 24px; font-size: 14px;
  max-height: calc(100vh - 48px); overflow-y: auto; /* a long repairs list stays reachable */
}
aside.panel .card {
  background: var(--card); border: 1px solid var(--rule); border-radius: 10px;
  padding: 16px 18px; margin-bottom: 18px;
}
ul.legend { list-style: none; margin: 0; padding: 0; }
ul.legend li { display: flex; align-items: center; gap: 10px; padding: 3px 0; }
/* Swatches are drawn by CSS: no empty elements in the markup. */
ul.legend li::before {
  content: ""; width: 14px; height: 14px; border-radius: 3px; background: var(--ent-bg);
  border-bottom: 3px solid var(--ent); flex: none;
}
ul.legend li.repair-item::before { background: var(--repair-bg); border-bottom: 3px dotted var(--repair); }
ul.legend li.summary-item::before { background: var(--summary-bg); border-bottom: 3px solid var(--accent); }
ul.legend .name { flex: 1; overflow-wrap: anywhere; }
ul.legend .count, dl.counts dd, table.timings td.ms { font-variant-numeric: tabular-nums; color: var(--muted); }
dl.counts { display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; margin: 0; }
dl.counts dt { margin: 0; }
dl.counts dd { margin: 0; text-align: right; }
table.timings { width: 100%; border-collapse: collapse; }
table.timings td { padding: 4px 0; vertical-align: middle; }
table.timings td.stage {
  white-space: nowrap; max-width: 9em; overflow: hidden; text-overflow: ellipsis; padding-right: 10px;
}
table.timings td.bar-cell { width: 100%; }
table.timings td.ms { text-align: right; white-space: nowrap; padding-left: 8px; }
table.timings .bar { height: 6px; border-radius: 3px; background: var(--accent); opacity: .75; min-width: 2px; }
table.timings tr.total td { border-top: 1px solid var(--rule); font-weight: 600; padding-top: 6px; }
p.hint { color: var(--muted); font-size: 13px; margin: 0; }
ul.repairs { margin: 0; padding: 0; list-style: none; }
ul.repairs li { padding: 3px 0; overflow-wrap: anywhere; }
ul.repairs .from { text-decoration: line-through; color: var(--muted); }
ul.repairs .to { color: var(--repair); font-weight: 600; }
ul.repairs .none { color: var(--muted); font-style: italic; }
ul.repairs .times { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 12px; }
footer.generator { margin-top: 56px; color: var(--muted); font-size: 12px; text-align: center; }
@media print {
  body { background: #fff; }
  aside.panel { position: static; }
  .repair del { display: none !important; }
}
)css";

}  // namespace docpipe::exporter
