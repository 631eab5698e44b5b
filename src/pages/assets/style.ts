/**
 * The one stylesheet, served by the app (/assets/style.css): mobile first (a single column from
 * 320 px), readable type, visible focus, contrast at least 4.5:1. Kept as a string so the Worker
 * bundle carries it without a file system.
 */
export const styleCss = `
:root{--ink:#1b1f24;--muted:#4a525c;--line:#c9ced6;--bg:#fff;--soft:#f3f5f8;--brand:#0b5394;--brand-ink:#fff;
--ok:#1d6b2f;--ok-bg:#e7f4ea;--warn:#8a4b00;--warn-bg:#fdf2e2;--err:#b00020;--err-bg:#fdecee;--focus:#ffbf47;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:var(--ink);background:var(--bg)}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-size:1rem;overflow-wrap:anywhere}
a{color:var(--brand)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--ink)}
.skip{position:absolute;left:-9999px;top:0;background:var(--focus);color:var(--ink);padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
header.site{background:var(--brand);color:var(--brand-ink);padding:.5rem 1rem}
header.site a{color:var(--brand-ink)}
.bar{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.who{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;font-size:.9rem;margin-top:.25rem}
header.site nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.5rem 0 0;padding:0}
header.site nav a{display:inline-block;padding:.25rem 0}
header.site nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{display:block;max-width:60rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
footer.site{border-top:1px solid var(--line);color:var(--muted);padding:1rem;text-align:center;font-size:.9rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.card{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1rem;background:var(--bg)}
.card>h2:first-child{margin-top:0}
.soft{background:var(--soft)}
.muted,.hint{color:var(--muted)}
.hint{margin:.1rem 0 .25rem;font-size:.9rem}
form.inline{display:inline}
.field{margin:0 0 1rem}
label,legend{display:block;font-weight:600}
input,select,textarea{font:inherit;color:inherit;width:100%;max-width:30rem;padding:.5rem;border:2px solid var(--muted);border-radius:.25rem;background:#fff}
input[type=checkbox],input[type=radio]{width:1.25rem;height:1.25rem;margin:0 .5rem 0 0;vertical-align:middle}
input[type=number]{max-width:8rem}
input[type=time]{max-width:8rem}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0 0 1rem;padding:.5rem 1rem 1rem;min-width:0}
.has-error input,.has-error select,.has-error textarea,input[aria-invalid=true]{border-color:var(--err)}
.error{color:var(--err);font-weight:600;margin:.1rem 0 .25rem}
.error-summary{border:3px solid var(--err);background:var(--err-bg);padding:.5rem 1rem;margin:0 0 1rem;border-radius:.25rem}
.error-summary a{color:var(--err)}
.notice{padding:.5rem 1rem;border-radius:.25rem;border-left:.35rem solid var(--ok);background:var(--ok-bg)}
.notice.warn{border-color:var(--warn);background:var(--warn-bg)}
button,.button{font:inherit;display:inline-block;padding:.55rem 1.1rem;border-radius:.25rem;border:2px solid var(--brand);background:var(--brand);color:var(--brand-ink);cursor:pointer;text-decoration:none;margin:.25rem .5rem .25rem 0}
button.secondary,.button.secondary{background:#fff;color:var(--brand)}
button.danger{background:var(--err);border-color:var(--err)}
button.link{background:none;border:0;padding:0;margin:0;color:inherit;text-decoration:underline;cursor:pointer}
.choices label{font-weight:400;display:flex;align-items:center;margin:.35rem 0}
.grid-scroll{overflow-x:auto}
.schedule .day{border:0;border-top:1px solid var(--line);border-radius:0;padding:.5rem 0;margin:0}
.schedule .day-name{font-weight:600;margin:0 0 .25rem}
.schedule .window{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:end;margin:0 0 .35rem}
.schedule .window label{font-weight:400;display:flex;flex-direction:column;font-size:.9rem}
.schedule .window .error{flex-basis:100%}
.pair{display:flex;flex-wrap:wrap;gap:0 1.5rem}
.adaptations li{padding:.35rem 0;border-bottom:1px solid var(--line)}
.adaptation-name{display:block;font-weight:600}
.adaptation-choices{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.adaptation-choices label{font-weight:400;display:flex;align-items:center}
table{border-collapse:collapse;width:100%;margin:0 0 1rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
ul.plain{list-style:none;padding:0;margin:0}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85rem;border:1px solid var(--muted);color:var(--ink);background:var(--soft)}
.badge.ok{border-color:var(--ok);color:var(--ok);background:var(--ok-bg)}
.badge.warn{border-color:var(--warn);color:var(--warn);background:var(--warn-bg)}
.qr{max-width:16rem;background:#fff;padding:.5rem}.qr svg{display:block;width:100%;height:auto}.code-big{font-size:1.75rem;font-family:ui-monospace,monospace;letter-spacing:.1em;word-break:break-all}
@media print{header.site,footer.site,.no-print{display:none}main{padding:0}}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}
.demo li{margin:.25rem 0}
@media (min-width:48rem){main{padding:1.5rem 2rem}h1{font-size:2rem}.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}}
ol.timeline{list-style:none;padding:0;margin:0 0 1rem;border-left:3px solid var(--line)}
ol.timeline li{padding:.1rem 0 .1rem .75rem}
.chart-box{margin:0 0 1rem}
.chart{width:100%;max-width:36rem;height:auto;display:block}
.chart .bar{fill:var(--brand)}
.chart .axis{stroke:var(--muted);stroke-width:1}
.chart .tick{fill:var(--muted);font-size:10px}
.chart-box figcaption{color:var(--muted);font-size:.9rem}
.cols-2 label{font-weight:400}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (min-width:48rem){.cols-2{columns:2}}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important;transition:none!important}}
fieldset.contact{margin:0 0 1rem}
ul.approvals{padding-left:1.25rem}
details.version{border-top:1px solid var(--line);padding:.5rem 0}
details.version summary{cursor:pointer;font-weight:600}
@media print{header.site,footer.site,.skip,.no-print,form,.error-summary{display:none!important}
body{font-size:11pt;color:#000}main{max-width:none;padding:0}a{color:#000;text-decoration:none}
.card{border:0;padding:0}.badge{border:1px solid #000;background:none;color:#000}
h1,h2,h3{break-after:avoid}dl.facts,li{break-inside:avoid}}
`;
