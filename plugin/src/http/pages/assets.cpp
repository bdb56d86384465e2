#include "http/pages/assets.hpp"

namespace sm::http::pages {
namespace {

// Colours meet WCAG AA contrast on white (text #1b1b1b, links #1d4f91, focus #ffbf47 outline).
constexpr std::string_view kStylesheet = R"css(
:root { --text: #1b1b1b; --muted: #505a5f; --link: #1d4f91; --line: #b1b4b6; --panel: #f3f2f1; --warn: #942514; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--text); background: #fff; }
a { color: var(--link); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 0; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header.site { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 1rem; border-bottom: 4px solid var(--link); }
header.site .brand { font-weight: 700; margin: 0; }
header.site .who { margin: 0 0 0 auto; color: var(--muted); }
header.site form { margin: 0; }
main { padding: 1rem; max-width: 90rem; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 1.5rem 0 .5rem; }
.lede { color: var(--muted); }
.date { white-space: nowrap; }  /* a date never wraps mid-date */
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--text); }
td ul, th ul { margin: 0; padding-left: 1.1rem; }
.status-E { font-weight: 700; }
.panel { background: var(--panel); padding: .75rem 1rem; margin: 1rem 0; }
.warning { color: var(--warn); font-weight: 700; }
button { font: inherit; padding: .4rem .9rem; border: 2px solid var(--link); background: var(--link); color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--link); }
label { display: block; font-weight: 700; margin-top: .75rem; }
input, select, textarea { font: inherit; padding: .3rem; border: 2px solid var(--text); max-width: 40rem; width: 100%; }
.exports a { margin-right: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site nav ul, nav.contents ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
dl.summary, section dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 700; }
dd { margin: 0; }
dd ol, dd ul { margin: 0; padding-left: 1.1rem; }
.hint { display: block; color: var(--muted); }
fieldset { border: 1px solid var(--line); margin: .75rem 0; padding: .5rem 1rem; max-width: 42rem; }
legend { font-weight: 700; }
.choice { display: flex; gap: .5rem; align-items: center; }
.choice input { width: auto; }
.choice label { display: inline; font-weight: 400; margin: 0; }
main form button { display: block; margin-top: 1rem; }
.error-summary { border: 4px solid var(--warn); padding: .5rem 1rem; margin: 1rem 0; }
.error-summary a { color: var(--warn); font-weight: 700; }
.notice { border-left: 6px solid #00703c; background: #e9f5ee; padding: .25rem 1rem; margin: 1rem 0; }
.headline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 2rem; }
.headline .figure { display: block; font-size: 2rem; font-weight: 700; }
figure.chart { margin: 1rem 0; max-width: 46rem; }
figcaption { color: var(--muted); }
article.cycle { border-top: 2px solid var(--line); margin-top: 1rem; }
.severity-high { color: var(--warn); font-weight: 700; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: 0 0 1rem; }
form.filters .filter { flex: 0 1 11rem; }
form.filters .filter.wide { flex: 1 1 20rem; }
form.filters label { margin-top: 0; }
main form.filters button { margin-top: 0; display: inline-block; }
nav.contents [aria-current] { font-weight: 700; text-decoration: none; }
section.todo { display: grid; grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr)); gap: .75rem; margin: 0 0 1rem; }
section.todo .action { margin: 0; padding: .5rem .75rem; }
section.todo h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
section.todo .figure { font-size: 1.35rem; }
section.todo ul { margin: 0; padding-left: 1.1rem; font-size: .95rem; }
section.todo p { margin: .25rem 0 0; font-size: .95rem; }
section.pupil-flags h2 { font-size: 1.15rem; }
section.pupil-flags li { margin: .25rem 0; }
ol.steps li { margin: .2rem 0; }
p.outcome { margin: 1rem 0 0; }
/* Views, notes and amendments are typed in lines and paragraphs: keep them. */
article.review-report dd, article.review-report td, article.review-report p.amendments { white-space: pre-line; }
article.review-report dl { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: .2rem 1rem; }
article.review-report dd { margin: 0; }
/* A document (the governors' report): its tables read down the page, sources in small type. */
article.document p.subtitle { color: #454545; }
article.document p.note { font-size: .9rem; color: #454545; }
/* The SEN Information Report's sections are edited at length. */
section.information textarea { min-height: 12rem; width: 100%; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  /* A document prints A4 portrait, a section's heading kept with what follows. */
  @page document { size: A4 portrait; margin: 15mm; }
  article.document { page: document; font-size: 10pt; }
  article.document h2 { break-after: avoid; }
  article.document table { break-inside: avoid; }
  /* The review report goes to the LA as a document: A4 portrait, each part kept together. */
  @page review-report { size: A4 portrait; margin: 15mm; }
  article.review-report { page: review-report; font-size: 11pt; }
  article.review-report table, article.review-report dl { break-inside: avoid; }
  .screen-only { display: none; }
  header.site, .skip, form, .exports, nav, .panel form { display: none !important; }
  details { display: block; }
  figure.chart { break-inside: avoid; }
  body { font-size: 10pt; }
  main { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  /* A class of 30 on at most two A4 landscape pages: small type, tight cells, lists run on. */
  table.class-map { font-size: 7.5pt; line-height: 1.25; margin: 0; }
  table.class-map th, table.class-map td { padding: 1pt 3pt; }
  table.class-map td ul { list-style: none; padding: 0; }
  table.class-map td li { display: inline; }
  table.class-map td li + li::before { content: "; "; }
  table.class-map td:nth-child(4) { width: 34%; }
  main > .panel, main > .exports { display: none; }
  h1 { font-size: 14pt; margin: 0 0 2pt; }
  .lede { margin: 0 0 4pt; }
}
)css";

// The tab's icon: senmap's blue with a white map fold, drawn in SVG (no script, no text to render).
constexpr std::string_view kIcon =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4f91"/><path d="M6 9l6-3 8 3 6-3v17l-6 3-8-3-6 3z" fill="none" stroke="#fff" stroke-width="2.5" stroke-linejoin="round"/><path d="M12 6v17M20 9v17" stroke="#fff" stroke-width="2"/></svg>)svg";

}  // namespace

std::optional<Asset> asset(std::string_view name) {
  if (name == "senmap.css") return Asset{"text/css; charset=utf-8", kStylesheet};
  if (name == "favicon.svg") return Asset{"image/svg+xml", kIcon};
  return std::nullopt;
}

}  // namespace sm::http::pages
