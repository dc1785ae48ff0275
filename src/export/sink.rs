//! Where export rows go: a CSV that Dutch Excel opens (`;`, decimal comma,
//! UTF-8 with BOM), or an XLSX with formatted amounts and a totals row.
//! Both take rows one at a time.

use std::io::Write;

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
}

pub trait Sink {
    fn header(&mut self, columns: &[&str]) -> Result<()>;
    fn row(&mut self, cells: &[Cell]) -> Result<()>;
    /// A totals line, set apart (bold in XLSX).
    fn total(&mut self, cells: &[Cell]) -> Result<()>;
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
    writer: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    pub fn new(mut out: W) -> Result<Self> {
        out.write_all(b"\xEF\xBB\xBF")?;
        Ok(CsvSink { writer: csv::WriterBuilder::new().delimiter(b';').from_writer(out) })
    }
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Money(c) | Cell::Hundredths(c) => decimal_comma(*c),
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn header(&mut self, columns: &[&str]) -> Result<()> {
        self.writer.write_record(columns).map_err(csv_error)
    }
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.writer.write_record(cells.iter().map(text)).map_err(csv_error)
    }
    fn total(&mut self, cells: &[Cell]) -> Result<()> {
        self.row(cells)
    }
    fn finish(mut self: Box<Self>) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

pub struct XlsxSink<W: Write + std::io::Seek + Send> {
    workbook: Workbook,
    out: Option<W>,
    row: u32,
    money: Format,
    hundredths: Format,
    bold: Format,
    bold_money: Format,
    bold_hundredths: Format,
}

impl<W: Write + std::io::Seek + Send> XlsxSink<W> {
    /// `created` is written as the document's creation date, so the same
    /// period gives the same bytes.
    pub fn new(out: W, sheet: &str, created: chrono::NaiveDate) -> Result<Self> {
        let mut workbook = Workbook::new();
        let date = ExcelDateTime::parse_from_str(&created.format("%Y-%m-%dT00:00:00Z").to_string()).map_err(io)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&date).set_author("Respijtregie"));
        let sheet_ref = workbook.add_worksheet_with_constant_memory().map_err(io)?;
        sheet_ref.set_name(sheet).map_err(io)?;
        let money = Format::new().set_num_format("#,##0.00");
        let hundredths = Format::new().set_num_format("0.00");
        Ok(XlsxSink {
            workbook,
            out: Some(out),
            row: 0,
            bold: Format::new().set_bold(),
            bold_money: money.clone().set_bold(),
            bold_hundredths: hundredths.clone().set_bold(),
            money,
            hundredths,
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet> {
        self.workbook.worksheet_from_index(0).map_err(io)
    }

    fn write(&mut self, cells: &[Cell], bold: bool) -> Result<()> {
        let row = self.row;
        let (money, hundredths, plain) = if bold {
            (self.bold_money.clone(), self.bold_hundredths.clone(), self.bold.clone())
        } else {
            (self.money.clone(), self.hundredths.clone(), Format::new())
        };
        for (i, cell) in cells.iter().enumerate() {
            let col = i as u16;
            let sheet = self.sheet()?;
            match cell {
                Cell::Text(s) if s.is_empty() => Ok(sheet),
                Cell::Text(s) => sheet.write_string_with_format(row, col, s, &plain),
                Cell::Int(n) => sheet.write_number_with_format(row, col, *n as f64, &plain),
                Cell::Money(c) => sheet.write_number_with_format(row, col, *c as f64 / 100.0, &money),
                Cell::Hundredths(h) => sheet.write_number_with_format(row, col, *h as f64 / 100.0, &hundredths),
            }
            .map_err(io)?;
        }
        self.row += 1;
        Ok(())
    }
}

impl<W: Write + std::io::Seek + Send> Sink for XlsxSink<W> {
    fn header(&mut self, columns: &[&str]) -> Result<()> {
        // In constant-memory mode the layout must be set before the first row.
        let sheet = self.sheet()?;
        for (i, c) in columns.iter().enumerate() {
            sheet.set_column_width(i as u16, (c.len() as f64 + 4.0).max(12.0)).map_err(io)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(io)?;
        let cells: Vec<Cell> = columns.iter().map(|c| Cell::Text(c.to_string())).collect();
        self.write(&cells, true)
    }
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.write(cells, false)
    }
    fn total(&mut self, cells: &[Cell]) -> Result<()> {
        self.write(cells, true)
    }
    fn finish(mut self: Box<Self>) -> Result<()> {
        let out = self.out.take().ok_or_else(|| io("al geschreven"))?;
        self.workbook.save_to_writer(out).map_err(|e| match e {
            rust_xlsxwriter::XlsxError::IoError(e) if e.kind() == std::io::ErrorKind::StorageFull => {
                Error::Invalid(DISK_FULL.into())
            }
            other => io(other),
        })?;
        Ok(())
    }
}
