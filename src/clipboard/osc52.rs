//! OSC 52: asking the terminal to set its clipboard, wrapped to get through tmux and GNU screen,
//! and written between frames (the reader) or to the terminal itself (the CLI).

use base64::Engine;

use super::Multiplexer;

/// Largest text sent by OSC 52 (about 74 KB). Terminals cap the sequence at 100 000 bytes (hterm,
/// and others following it); this is the most text whose plain sequence stays within that.
pub const OSC52_MAX_TEXT: usize = 74_991;

/// GNU screen drops a DCS string longer than its buffer (768 bytes, less its own bookkeeping),
/// so the sequence is cut into pieces of this many bytes.
pub const SCREEN_CHUNK: usize = 760;

/// The bytes that ask the terminal to put `text` on the clipboard: `ESC ] 52 ; c ; <base64> ESC \`,
/// wrapped for the multiplexer. tmux: a passthrough DCS `ESC P tmux; … ESC \` with every ESC of
/// the sequence doubled. screen: the sequence (ended by BEL, since `ESC \` would close the DCS)
/// cut into DCS strings of at most [`SCREEN_CHUNK`] bytes.
pub fn osc52_sequence(text: &str, mux: Multiplexer) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    match mux {
        Multiplexer::None => plain_osc52(&b64),
        Multiplexer::Tmux => {
            let mut out = b"\x1bPtmux;".to_vec();
            for &b in &plain_osc52(&b64) {
                if b == 0x1b {
                    out.push(0x1b);
                }
                out.push(b);
            }
            out.extend_from_slice(b"\x1b\\");
            out
        }
        Multiplexer::Screen => {
            let mut inner = b"\x1b]52;c;".to_vec();
            inner.extend_from_slice(b64.as_bytes());
            inner.push(0x07);
            let mut out = Vec::with_capacity(inner.len() + inner.len() / SCREEN_CHUNK * 4 + 4);
            for chunk in inner.chunks(SCREEN_CHUNK) {
                out.extend_from_slice(b"\x1bP");
                out.extend_from_slice(chunk);
                out.extend_from_slice(b"\x1b\\");
            }
            out
        }
    }
}

fn plain_osc52(b64: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(b64.len() + 9);
    out.extend_from_slice(b"\x1b]52;c;");
    out.extend_from_slice(b64.as_bytes());
    out.extend_from_slice(b"\x1b\\");
    out
}

/// Writes pending OSC 52 bytes to the terminal and flushes, so they arrive whole between frames.
pub fn write_osc52(out: &mut impl std::io::Write, bytes: &[u8]) -> std::io::Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    out.write_all(bytes)?;
    out.flush()
}

/// Writes OSC 52 bytes to the controlling terminal, for the CLI whose stdout may be a pipe.
pub fn write_osc52_to_tty(bytes: &[u8]) -> Result<(), String> {
    if bytes.is_empty() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        let mut tty = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/tty")
            .map_err(|e| format!("OSC 52: cannot open the terminal (/dev/tty): {e}"))?;
        write_osc52(&mut tty, bytes).map_err(|e| format!("OSC 52: {e}"))
    }
    #[cfg(not(unix))]
    {
        use std::io::IsTerminal;
        let mut err = std::io::stderr();
        if !err.is_terminal() {
            return Err("OSC 52: no terminal to write to".to_string());
        }
        write_osc52(&mut err, bytes).map_err(|e| format!("OSC 52: {e}"))
    }
}
