//! Where export rows go: a CSV that Dutch Excel opens (`;`, decimal comma,
//! UTF-8 with BOM), or an XLSX with date cells, formatted amounts and text
//! identifiers. Both take rows one at a time.
//!
//! Totals never sit among the data rows, so a whole-column SUM, an autofilter
//! or a pivot over the data counts every entry once: the XLSX has them on a
//! sheet of their own (`totalen`), the CSV in a block after one empty line,
//! with its numbers only in columns that hold no numbers in the data (see
//! `produce`), so `=SOM(L:L)` over a data column leaves them out as well.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::rows::decimal_comma;
use crate::error::{Error, Result, DISK_FULL};

/// One cell of an export row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Euro cents, shown with two decimals.
    Money(i64),
    /// A quantity in hundredths (hours with two decimals).
    Hundredths(i64),
    /// A date: `jjjj-mm-dd` in the CSV, a date cell (`dd-mm-jjjj`) in the XLSX.
    Date(NaiveDate),
    /// An identifier (policy number, extern id, pseudonym, postcode): always
    /// text, so a leading zero stays.
    Id(String),
}

pub trait Sink {
    fn header(&mut self, columns: &[&str]) -> Result<()>;
    fn row(&mut self, cells: &[Cell]) -> Result<()>;
    /// The totals, as a small table of their own with its own header, apart
    /// from the data rows.
    fn totals(&mut self, columns: &[&str], rows: &[Vec<Cell>]) -> Result<()>;
    fn finish(self: Box<Self>) -> Result<()>;
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("Het exportbestand kon niet worden geschreven: {e}"))
}

/// A CSV writer's error; a full disk is said as such (`Error::from` an io error).
fn csv_error(e: csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(inner) if inner.kind() == std::io::ErrorKind::StorageFull => {
            Error::Invalid(DISK_FULL.into())
        }
        _ => io(e),
    }
}

pub struct CsvSink<W: Write> {
    /// Always there; an `Option` only so `totals` can take the stream out for
    /// its empty line.
    writer: Option<csv::Writer<W>>,
}

fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().delimiter(b';').from_writer(out)
}

/// The name of the XLSX sheet that holds the totals.
pub const TOTALS_SHEET: &str = "totalen";

impl<W: Write> CsvSink<W> {
    pub fn new(mut out: W) -> Result<Self> {
        out.write_all(b"\xEF\xBB\xBF")?;
        Ok(CsvSink { writer: Some(csv_writer(out)) })
    }

    fn writer(&mut self) -> Result<&mut csv::Writer<W>> {
        self.writer.as_mut().ok_or_else(|| io("al gesloten"))
    }
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) | Cell::Id(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Money(c) | Cell::Hundredths(c) => decimal_comma(*c),
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn header(&mut self, columns: &[&str]) -> Result<()> {
        self.writer()?.write_record(columns).map_err(csv_error)
    }
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.writer()?.write_record(cells.iter().map(text)).map_err(csv_error)
    }
    fn totals(&mut self, columns: &[&str], rows: &[Vec<Cell>]) -> Result<()> {
        // A truly empty line (not `;;;`): Excel's and LibreOffice's "current
        // region", which a filter or a pivot picks up, ends there.
        // The csv writer has no way to write an empty line; the stream gets
        // it between two writers.
        let writer = self.writer.take().ok_or_else(|| io("al gesloten"))?;
        let mut out =
            writer.into_inner().map_err(|e| Error::from(std::io::Error::new(e.error().kind(), e.to_string())))?;
        out.write_all(b"\n")?;
        self.writer = Some(csv_writer(out));
        self.header(columns)?;
        for cells in rows {
            self.row(cells)?;
        }
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<()> {
        self.writer()?.flush()?;
        Ok(())
    }
}

pub struct XlsxSink<W: Write + std::io::Seek + Send> {
    workbook: Workbook,
    out: Option<W>,
    /// Rows written on the data sheet so far, the header included.
    row: u32,
    columns: u16,
    formats: Formats,
}

/// How each kind of cell looks. The number formats are stored in the file
/// as Excel's codes; Excel and LibreOffice show them in the reader's locale
/// (`1.234,56` and `06-01-2026` in Dutch).
struct Formats {
    plain: Format,
    header: Format,
    money: Format,
    hundredths: Format,
    date: Format,
    id: Format,
}

impl<W: Write + std::io::Seek + Send> XlsxSink<W> {
    /// `created` is written as the document's creation date, so the same
    /// period gives the same bytes.
    pub fn new(out: W, sheet: &str, created: NaiveDate) -> Result<Self> {
        let mut workbook = Workbook::new();
        let date = ExcelDateTime::parse_from_str(&created.format("%Y-%m-%dT00:00:00Z").to_string()).map_err(io)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&date).set_author("Respijtregie"));
        let sheet_ref = workbook.add_worksheet_with_constant_memory().map_err(io)?;
        sheet_ref.set_name(sheet).map_err(io)?;
        Ok(XlsxSink {
            workbook,
            out: Some(out),
            row: 0,
            columns: 0,
            formats: Formats {
                plain: Format::new(),
                header: Format::new().set_bold(),
                money: Format::new().set_num_format("#,##0.00"),
                hundredths: Format::new().set_num_format("0.00"),
                date: Format::new().set_num_format("dd-mm-yyyy"),
                id: Format::new().set_num_format("@"),
            },
        })
    }

    fn write(&mut self, sheet: usize, row: u32, cells: &[Cell], header: bool) -> Result<()> {
        let f = &self.formats;
        let sheet = self.workbook.worksheet_from_index(sheet).map_err(io)?;
        for (i, cell) in cells.iter().enumerate() {
            let col = i as u16;
            match cell {
                Cell::Text(s) if s.is_empty() => continue,
                Cell::Text(s) if header => sheet.write_string_with_format(row, col, s, &f.header),
                Cell::Text(s) => sheet.write_string_with_format(row, col, s, &f.plain),
                Cell::Id(s) => sheet.write_string_with_format(row, col, s, &f.id),
                Cell::Int(n) => sheet.write_number_with_format(row, col, *n as f64, &f.plain),
                Cell::Money(c) => sheet.write_number_with_format(row, col, *c as f64 / 100.0, &f.money),
                Cell::Hundredths(h) => sheet.write_number_with_format(row, col, *h as f64 / 100.0, &f.hundredths),
                Cell::Date(d) => {
                    let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(io)?;
                    sheet.write_date_with_format(row, col, &date, &f.date)
                }
            }
            .map_err(io)?;
        }
        Ok(())
    }
}

fn header_cells(columns: &[&str]) -> Vec<Cell> {
    columns.iter().map(|c| Cell::Text(c.to_string())).collect()
}

fn set_widths(sheet: &mut Worksheet, columns: &[&str]) -> Result<()> {
    for (i, c) in columns.iter().enumerate() {
        sheet.set_column_width(i as u16, (c.len() as f64 + 4.0).max(12.0)).map_err(io)?;
    }
    Ok(())
}

impl<W: Write + std::io::Seek + Send> Sink for XlsxSink<W> {
    fn header(&mut self, columns: &[&str]) -> Result<()> {
        // In constant-memory mode the layout must be set before the first row.
        let sheet = self.workbook.worksheet_from_index(0).map_err(io)?;
        set_widths(sheet, columns)?;
        sheet.set_freeze_panes(1, 0).map_err(io)?;
        self.columns = columns.len() as u16;
        self.write(0, 0, &header_cells(columns), true)?;
        self.row = 1;
        Ok(())
    }
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.write(0, self.row, cells, false)?;
        self.row += 1;
        Ok(())
    }
    fn totals(&mut self, columns: &[&str], rows: &[Vec<Cell>]) -> Result<()> {
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(TOTALS_SHEET).map_err(io)?;
        set_widths(sheet, columns)?;
        sheet.set_column_width(0, 30).map_err(io)?;
        self.write(1, 0, &header_cells(columns), true)?;
        for (i, cells) in rows.iter().enumerate() {
            self.write(1, i as u32 + 1, cells, false)?;
        }
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<()> {
        let out = self.out.take().ok_or_else(|| io("al geschreven"))?;
        if self.columns > 0 {
            let (last_row, last_col) = (self.row.saturating_sub(1), self.columns - 1);
            self.workbook.worksheet_from_index(0).map_err(io)?.autofilter(0, 0, last_row, last_col).map_err(io)?;
        }
        self.workbook.save_to_writer(out).map_err(|e| match e {
            rust_xlsxwriter::XlsxError::IoError(e) if e.kind() == std::io::ErrorKind::StorageFull => {
                Error::Invalid(DISK_FULL.into())
            }
            other => io(other),
        })?;
        Ok(())
    }
}
