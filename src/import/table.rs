//! Reading a spreadsheet into text cells: CSV (`;`, `,` or tab; UTF-8 with or
//! without BOM, or Windows-1252 as older Excel writes it) and XLSX.

use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Error, Result};

/// A header row and data rows, every cell as trimmed text.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    /// Data rows; `rows[0]` is row 1 of the import report.
    pub rows: Vec<Vec<String>>,
    pub warnings: Vec<String>,
}

impl Table {
    /// Index of a column by its (case-insensitive) header.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

pub fn read_table(path: &Path) -> Result<Table> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::Invalid(format!("Bestand '{}' kon niet worden gelezen: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    read_table_bytes(&name, &bytes)
}

/// Reads a table from bytes; the name's extension decides between XLSX and CSV.
pub fn read_table_bytes(name: &str, bytes: &[u8]) -> Result<Table> {
    let lower = name.to_lowercase();
    let mut table = if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || bytes.starts_with(b"PK\x03\x04") {
        // calamine can panic on a damaged file (an index out of bounds in its
        // cell reader, found by tests/fuzz_importers.rs): that is a bad file,
        // not a crash of the app.
        std::panic::catch_unwind(|| read_xlsx(bytes)).unwrap_or_else(|_| {
            Err(Error::Invalid(
                "Het Excel-bestand is beschadigd of geen geldig XLSX-bestand. Sla het opnieuw op en probeer het nog eens."
                    .into(),
            ))
        })?
    } else {
        read_csv(bytes)?
    };
    table.headers = table.headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase()).collect();
    if table.headers.iter().all(String::is_empty) {
        return Err(Error::Invalid("Het bestand heeft geen kopregel met kolomnamen.".into()));
    }
    // Rows that are entirely empty (a trailing line in Excel) are not data.
    while table.rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        table.rows.pop();
    }
    Ok(table)
}

fn read_csv(bytes: &[u8]) -> Result<Table> {
    let mut warnings = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            warnings.push("Het bestand is geen UTF-8; het is gelezen als Windows-1252 (oudere Excel).".to_string());
            encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()
        }
    };
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter =
        [b';', b',', b'\t'].into_iter().max_by_key(|d| first_line.bytes().filter(|b| b == d).count()).unwrap_or(b';');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::Invalid(format!("De kopregel kon niet worden gelezen: {e}")))?
        .iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Error::Invalid(format!("Rij {} kon niet worden gelezen: {e}", i + 1)))?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(Table { headers, rows, warnings })
}

fn read_xlsx(bytes: &[u8]) -> Result<Table> {
    let cursor = std::io::Cursor::new(bytes.to_vec());
    let mut workbook = calamine::open_workbook_auto_from_rs(cursor)
        .map_err(|e| Error::Invalid(format!("Het Excel-bestand kon niet worden geopend: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Error::Invalid("Het Excel-bestand heeft geen werkblad.".into()))?
        .map_err(|e| Error::Invalid(format!("Het eerste werkblad kon niet worden gelezen: {e}")))?;
    let mut rows = range.rows().map(|row| row.iter().map(cell_text).collect::<Vec<_>>());
    let headers = rows.next().unwrap_or_default();
    Ok(Table { headers, rows: rows.collect(), warnings: Vec::new() })
}

/// A cell as the text a person would have typed: dates as `jjjj-mm-dd`,
/// times as `uu:mm`, whole numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "ja" } else { "nee" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().format("%Y-%m-%d").to_string(),
            Some(t) if dt.as_f64() < 1.0 => t.time().format("%H:%M").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_and_either_separator() {
        let semi = read_table_bytes("a.csv", "\u{feff}Voornaam;Achternaam\nRia;de Vries\n".as_bytes());
        let comma = read_table_bytes("a.csv", b"voornaam,achternaam\nRia,de Vries\n\n");
        for table in [semi, comma] {
            let table = table.map_err(|e| e.to_string());
            let table = table.as_ref().map_err(String::as_str);
            assert_eq!(table.map(|t| t.headers.clone()), Ok(vec!["voornaam".to_string(), "achternaam".to_string()]));
            assert_eq!(table.map(|t| t.rows.clone()), Ok(vec![vec!["Ria".to_string(), "de Vries".to_string()]]));
        }
    }

    #[test]
    fn windows_1252_is_read_with_a_warning() {
        let table = read_table_bytes("a.csv", b"voornaam;achternaam\nJos\xe9;Ba\xebr\n").map_err(|e| e.to_string());
        assert_eq!(table.as_ref().map(|t| t.rows[0][0].as_str()), Ok("José"));
        assert_eq!(table.as_ref().map(|t| t.warnings.len()), Ok(1));
    }
}
