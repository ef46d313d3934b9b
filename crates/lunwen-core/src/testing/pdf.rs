//! Small real PDFs for tests: pages of Latin text in a standard font (every PDF reader has it,
//! so nothing is embedded), or pages with no text at all, which is what a scan looks like to a
//! text extractor. Written with a correct cross-reference table, so `pdftotext` reads them
//! without complaint.

use std::path::Path;

/// One page: lines of text from the top, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfPage {
    pub lines: Vec<String>,
}

impl PdfPage {
    pub fn lines(lines: &[&str]) -> PdfPage {
        PdfPage {
            lines: lines.iter().map(|l| l.to_string()).collect(),
        }
    }

    /// A page with nothing to extract.
    pub fn blank() -> PdfPage {
        PdfPage { lines: Vec::new() }
    }
}

/// The bytes of a PDF with `pages`. Text must be printable ASCII (the standard font's
/// encoding); anything else is replaced by `?`.
pub fn pdf_bytes(pages: &[PdfPage]) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page.
    let mut objects: Vec<String> = Vec::new();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    for (i, page) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        let mut content = String::new();
        if !page.lines.is_empty() {
            content.push_str("BT /F1 11 Tf 72 770 Td 14 TL\n");
            for line in &page.lines {
                content.push_str(&format!("({}) Tj T*\n", escape(line)));
            }
            content.push_str("ET\n");
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Writes [`pdf_bytes`] to `path`.
pub fn write_pdf(path: &Path, pages: &[PdfPage]) {
    std::fs::write(path, pdf_bytes(pages))
        .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

fn escape(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '(' | ')' | '\\' => format!("\\{c}"),
            ' '..='~' => c.to_string(),
            _ => "?".to_string(),
        })
        .collect()
}

/// Whether a test that needs `pdftotext` can run. Where poppler-utils is missing the test is
/// skipped, saying so on the terminal (past the test harness's capture, so `cargo test` shows
/// it); under CI, which installs poppler-utils, a missing one fails the test instead.
pub fn pdftotext_or_skip(test: &str) -> bool {
    use std::io::Write as _;
    let options = crate::corpus::pdf::PdfOptions::default();
    if crate::corpus::pdf::pdftotext_available(&options) {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: pdftotext is required in CI (.ci/run installs poppler-utils)"
    );
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: pdftotext is not installed (package poppler-utils)"
    );
    false
}
