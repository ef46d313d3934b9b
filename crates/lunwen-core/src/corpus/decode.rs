//! Decoding a text file whatever its encoding: UTF-8 (with or without BOM), UTF-16, or a legacy
//! Chinese encoding. Papers, sidecars' neighbours and metadata exports all come through here, so
//! nothing else guesses at bytes.

/// Decodes a paper file: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when
/// the zero bytes give it away), or the legacy encoding its bytes show (GB18030/GBK, Big5,
/// Shift_JIS, EUC-KR …, detected by chardetng). Binary files and text that decodes to nothing
/// sensible are refused with a reason.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    decode_noted(bytes).map(|d| d.text)
}

/// A decoded file and, when it was only partly decodable, what was done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// e.g. "3 invalid UTF-8 sequences replaced with �".
    pub note: Option<String>,
}

/// [`decode`], also saying when a damaged UTF-8 file was read with replacements rather than
/// refused: one bad byte from a PDF extractor should not hide a whole paper.
pub fn decode_noted(bytes: &[u8]) -> Result<Decoded, String> {
    let mut note = None;
    let text = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (text, bad) = lossy_utf8(rest);
                note = Some(replaced(bad));
                text
            }
        }
    } else if let Some(enc) = utf16_encoding(bytes) {
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err("invalid UTF-16".into());
        }
        text.into_owned()
    } else if looks_binary(bytes) {
        return Err("binary file, not text".into());
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (lossy, bad) = lossy_utf8(bytes);
                if mostly_utf8(&lossy, bad) {
                    note = Some(replaced(bad));
                    lossy
                } else if let Some(text) = legacy(bytes) {
                    text
                } else {
                    return Err(
                        "not UTF-8, UTF-16 or a legacy encoding (GB18030/GBK, Big5, Shift_JIS …)"
                            .into(),
                    );
                }
            }
        }
    };
    Ok(Decoded {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        note,
    })
}

/// Text in a legacy encoding: the one chardetng judges most likely, else GB18030 (the most
/// common for Chinese papers, and a superset of GBK); `None` when neither decodes cleanly.
/// Guessing GB18030 alone read a Big5 paper as garbage.
fn legacy(bytes: &[u8]) -> Option<String> {
    // ISO-2022-JP is 7-bit: such a file is valid UTF-8 and never gets here.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    for encoding in [guess, encoding_rs::GB18030] {
        let (text, _, had_errors) = encoding.decode(bytes);
        if !had_errors {
            return Some(text.into_owned());
        }
    }
    None
}

/// UTF-16 by its BOM, or BOM-less UTF-16 by where its zero bytes fall: the high byte of every
/// ASCII char (newlines, digits, punctuation) is zero on one side only.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(b"\xff\xfe") {
        return Some(encoding_rs::UTF_16LE);
    }
    if bytes.starts_with(b"\xfe\xff") {
        return Some(encoding_rs::UTF_16BE);
    }
    let head = &bytes[..bytes.len().min(8192) & !1];
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    // Zeros on the other side are CJK chars such as 一 (U+4E00) and the ideographic space.
    if odd * 20 >= pairs && even * 2 < odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 20 >= pairs && odd * 2 < even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// `bytes` as UTF-8 with each invalid sequence replaced by U+FFFD, and how many there were.
fn lossy_utf8(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push('\u{fffd}');
            bad += 1;
        }
    }
    (text, bad)
}

/// Damaged UTF-8 rather than another encoding: at least fifty good multi-byte chars per bad
/// sequence. GBK text read as UTF-8 has almost no good multi-byte chars at all.
fn mostly_utf8(lossy: &str, bad: usize) -> bool {
    let multibyte = lossy
        .chars()
        .filter(|&c| c.len_utf8() > 1 && c != '\u{fffd}')
        .count();
    multibyte >= 50 * bad
}

fn replaced(bad: usize) -> String {
    format!("{bad} invalid UTF-8 sequence(s) replaced with �")
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)))
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_handles_boms_and_gbk() {
        assert_eq!(decode(b"\xef\xbb\xbfabc").unwrap(), "abc");
        let (gbk, _, _) = encoding_rs::GBK.encode("新质生产力");
        assert_eq!(decode(&gbk).unwrap(), "新质生产力");
        let mut utf16 = vec![0xff, 0xfe];
        for u in "论文".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "论文");
        assert!(
            decode(b"\x00\x01\x02\x03ELF")
                .unwrap_err()
                .contains("binary")
        );
        assert_eq!(decode(b"a\r\nb").unwrap(), "a\nb");
    }

    #[test]
    fn bom_less_utf16_is_recognised_by_its_zero_bytes() {
        let text: String = include_str!("../../../../corpus/000_410c59112ba8e771.txt")
            .chars()
            .take(3000)
            .collect();
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text.replace('\r', ""));
        assert_eq!(decode(&be).unwrap(), text.replace('\r', ""));
        assert!(decode(&[0, 1, 2, 0, 5, 0, 0, 0, 7, 8, 0, 0, 1, 1, 1, 0, 0, 3]).is_err());
    }

    #[test]
    fn damaged_utf8_is_read_with_a_note_but_gbk_is_not_mistaken_for_it() {
        let good = "新质生产力是推动高质量发展的内在要求。".repeat(10);
        let mut bytes = good.as_bytes().to_vec();
        bytes.remove(31); // cut the middle byte out of a char
        let d = decode_noted(&bytes).unwrap();
        assert_eq!(d.text.matches('\u{fffd}').count(), 1);
        assert!(d.text.ends_with("内在要求。"));
        assert_eq!(
            d.note.as_deref(),
            Some("1 invalid UTF-8 sequence(s) replaced with �")
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&good);
        let d = decode_noted(&gbk).unwrap();
        assert_eq!((d.text.as_str(), d.note), (good.as_str(), None));
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(&bytes);
        assert!(decode_noted(&bom).unwrap().note.is_some());
    }

    #[test]
    fn legacy_encodings_are_detected_not_assumed() {
        let title = "數位經濟與區域創新之實證研究";
        let body = "本文以臺灣各縣市之面板資料，檢驗數位經濟對區域創新之影響。研究發現，數位基礎建設之投入顯著提升專利產出。";
        let text = format!("{title}\n\n{body}\n");
        let (big5, _, _) = encoding_rs::BIG5.encode(&text);
        assert_eq!(decode(&big5).unwrap(), text);
        let simplified =
            "数字经济与区域创新研究\n\n本文基于省级面板数据，检验数字经济对区域创新的影响。\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(simplified);
        assert_eq!(decode(&gbk).unwrap(), simplified);
        let japanese = "日本語の論文の題名\n\n本稿では、引用の慣行について検討する。\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        assert_eq!(decode(&sjis).unwrap(), japanese);
    }
}
