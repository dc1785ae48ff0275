//! The fixed layout every letter shares: the region's name and the date on
//! top, A4 margins for print, one self-contained HTML file.

use chrono::NaiveDate;

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The page around `body` (already escaped HTML).
pub(super) fn page(title: &str, region: &str, date: NaiveDate, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{title}</title>\
<style>@page{{size:A4;margin:2cm}}body{{font-family:sans-serif;font-size:12pt;line-height:1.5;color:#111;max-width:40em;margin:2em auto}}\
header{{border-bottom:2px solid #1d4ed8;margin-bottom:1.5em}}table{{border-collapse:collapse;width:100%}}\
td,th{{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}}td.n{{text-align:right;white-space:nowrap}}\
</style></head><body><header><p><strong>Respijtzorg regio {region}</strong></p><p>Datum: {date}</p></header>\
<h1>{title}</h1>\n{body}</body></html>\n",
        title = escape(title),
        region = escape(region),
        date = crate::dutch::date_text(date),
    )
}
