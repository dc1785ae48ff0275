//! A printable summary: the regional table with a bar chart per
//! municipality beside it, as one self-contained HTML file to print or save
//! as PDF from any browser.

use std::collections::BTreeMap;
use std::io::Write;

use super::produce::SummaryLine;
use super::rows::decimal_comma;
use super::Period;
use crate::error::Result;
use crate::money::Cents;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const COLOURS: &[&str] = &["#1d4ed8", "#0d7377", "#b45309", "#7c3aed", "#be123c", "#4d7c0f"];

pub fn write_summary_html(
    out: &mut dyn Write,
    period: &Period,
    lines: &BTreeMap<(String, String), SummaryLine>,
    municipality_names: &std::collections::HashMap<String, String>,
    funder_names: &std::collections::HashMap<String, String>,
) -> Result<()> {
    let mut per_municipality: BTreeMap<&str, BTreeMap<&str, i64>> = BTreeMap::new();
    let mut funders: Vec<&str> = Vec::new();
    for ((m, f), line) in lines {
        *per_municipality.entry(m.as_str()).or_default().entry(f.as_str()).or_default() += line.totals.cents.cents();
        if !funders.contains(&f.as_str()) {
            funders.push(f.as_str());
        }
    }
    let max = per_municipality.values().map(|v| v.values().filter(|c| **c > 0).sum::<i64>()).max().unwrap_or(1).max(1);
    let name = |m: &str| municipality_names.get(m).cloned().unwrap_or_else(|| m.to_string());
    let funder = |f: &str| funder_names.get(f).cloned().unwrap_or_else(|| f.to_string());
    writeln!(out, "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">")?;
    writeln!(out, "<title>Verantwoording respijtzorg {}</title>", escape(&period.label))?;
    writeln!(
        out,
        "<style>body{{font-family:sans-serif;margin:2em;color:#111}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:4px 8px}}td.n{{text-align:right;white-space:nowrap}}.wrap{{display:flex;gap:2em;flex-wrap:wrap}}@media print{{.wrap{{display:block}}}}</style></head><body>"
    )?;
    writeln!(
        out,
        "<h1>Verantwoording respijtzorg Waardenland</h1><p>Periode {} ({} t/m {}). Bedragen op de dienstdatum van de geleverde inzet.</p>",
        escape(&period.label),
        crate::dutch::date_text(period.first),
        crate::dutch::date_text(period.last)
    )?;
    writeln!(out, "<div class=\"wrap\"><table><thead><tr><th>Gemeente</th><th>Financier</th><th>Bedrag</th><th>Uren</th><th>Dagen</th><th>Mantelzorgers</th></tr></thead><tbody>")?;
    for ((m, f), line) in lines {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&name(m)),
            escape(&funder(f)),
            line.totals.cents.unbroken(),
            decimal_comma((line.totals.minutes * 100 + 30) / 60),
            line.totals.cap_days,
            line.caregivers.len()
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    // The chart: one horizontal stacked bar per municipality.
    let row_height = 26;
    let height = row_height * per_municipality.len() as i64 + 40 + 20 * funders.len() as i64;
    writeln!(out, "<svg role=\"img\" aria-label=\"Bedragen per gemeente en financier\" width=\"560\" height=\"{height}\" viewBox=\"0 0 560 {height}\">")?;
    for (i, (m, by_funder)) in per_municipality.iter().enumerate() {
        let y = 10 + i as i64 * row_height;
        writeln!(out, "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>", y + 14, escape(&name(m)))?;
        let mut x = 160;
        for (f, cents) in by_funder.iter().filter(|(_, c)| **c > 0) {
            let w = cents * 380 / max;
            let colour = COLOURS[funders.iter().position(|x| x == f).unwrap_or(0) % COLOURS.len()];
            writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"18\" fill=\"{colour}\"><title>{}: {}</title></rect>",
                escape(&funder(f)),
                Cents::new(*cents).unbroken()
            )?;
            x += w;
        }
    }
    for (i, f) in funders.iter().enumerate() {
        let y = 20 + row_height * per_municipality.len() as i64 + 20 * i as i64;
        writeln!(
            out,
            "<rect x=\"160\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"178\" y=\"{}\" font-size=\"12\">{}</text>",
            COLOURS[i % COLOURS.len()],
            y + 11,
            escape(&funder(f))
        )?;
    }
    writeln!(out, "</svg></div><p>Bron postcodes: CBS. Gemaakt met Respijtregie.</p></body></html>")?;
    Ok(())
}
