//! Where documents come from: files or standard input, read whole (one JSON document) or in
//! chunks of lines (NDJSON), so that memory holds a few chunks whatever the input size.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest document read; a larger one is reported invalid without being held in memory.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// How much input one batch holds, roughly: large enough to amortize hand-offs between
/// threads, small enough that a few in flight stay far below the memory bound.
const BATCH_BYTES: usize = 256 * 1024;

/// One input, as named on the command line.
#[derive(Debug, Clone)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    pub fn from_arg(path: &Path) -> Self {
        if path == Path::new("-") {
            Source::Stdin
        } else {
            Source::File(path.to_path_buf())
        }
    }

    /// How reports name it: the path as given, or `-`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// Whether it holds one document per line: `.ndjson` and `.jsonl` files.
    pub fn is_ndjson_by_name(&self) -> bool {
        match self {
            Source::Stdin => false,
            Source::File(path) => path
                .extension()
                .is_some_and(|ext| ext == "ndjson" || ext == "jsonl"),
        }
    }

    /// Its size in bytes, when known ahead (files).
    pub fn len(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
        }
    }

    /// Reads go straight into batch buffers, so there is no buffering layer.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(path) => Box::new(File::open(path)?),
        })
    }
}

/// A run of whole lines of one source (or the whole of a single-document source), cut by
/// the reader and split into documents by whichever worker judges it.
#[derive(Debug, Default)]
pub struct Batch {
    pub bytes: Vec<u8>,
    /// The line number of the first line in `bytes`.
    pub first_line: usize,
    /// `bytes` is one document, not lines.
    pub whole: bool,
    /// An oversized line that ended just before `bytes`: reported, not held.
    pub skipped: Option<usize>,
    /// Input bytes this batch accounts for, skipped ones included (for progress).
    pub consumed: u64,
}

impl Batch {
    /// Every document: its line, and its bytes (`None` when it is too large to read).
    /// Blank lines are skipped; a trailing `\r` is not part of a line.
    pub fn documents(&self) -> impl Iterator<Item = (usize, Option<&[u8]>)> {
        let skipped = self.skipped.map(|line| (line, None));
        let whole = self
            .whole
            .then_some((self.first_line, Some(self.bytes.as_slice())));
        let lines = (!self.whole).then(|| Lines {
            bytes: &self.bytes,
            start: 0,
            line: self.first_line,
        });
        skipped
            .into_iter()
            .chain(whole)
            .chain(lines.into_iter().flatten())
    }
}

struct Lines<'a> {
    bytes: &'a [u8],
    start: usize,
    line: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, Option<&'a [u8]>);

    fn next(&mut self) -> Option<Self::Item> {
        while self.start < self.bytes.len() {
            let rest = &self.bytes[self.start..];
            let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let mut content = &rest[..end];
            let line = self.line;
            self.line += 1;
            self.start += end + 1;
            if content.len() > MAX_DOCUMENT_BYTES {
                return Some((line, None));
            }
            if let [head @ .., b'\r'] = content {
                content = head;
            }
            if !content.iter().all(u8::is_ascii_whitespace) {
                return Some((line, Some(content)));
            }
        }
        None
    }
}

/// Cuts a source into batches: the whole input as one document, or runs of NDJSON lines.
pub struct Batches {
    reader: Box<dyn Read + Send>,
    ndjson: bool,
    /// Bytes read after the last complete line.
    carry: Vec<u8>,
    /// The line number of the first line in `carry`.
    next_line: usize,
    /// Inside an oversized line that started at this line number.
    skipping: Option<usize>,
    done: bool,
}

impl Batches {
    pub fn new(reader: Box<dyn Read + Send>, ndjson: bool) -> Self {
        Batches {
            reader,
            ndjson,
            carry: Vec::new(),
            next_line: 1,
            skipping: None,
            done: false,
        }
    }

    /// The next batch; `None` at the end of the input.
    pub fn next_batch(&mut self) -> io::Result<Option<Batch>> {
        if self.done {
            return Ok(None);
        }
        if !self.ndjson {
            self.done = true;
            return self.whole().map(Some);
        }
        let mut consumed = 0u64;
        loop {
            let mut bytes = std::mem::take(&mut self.carry);
            let before = bytes.len();
            // Room for the whole read up front: growing by doubling would copy it twice over.
            bytes.reserve(BATCH_BYTES);
            let read = (&mut self.reader)
                .take(BATCH_BYTES as u64)
                .read_to_end(&mut bytes)?;
            consumed += read as u64;
            let at_end = read == 0;
            if let Some(first) = self.skipping {
                // Drop the rest of the oversized line, up to its newline.
                match memchr::memchr(b'\n', &bytes) {
                    Some(newline) => {
                        bytes.drain(..=newline);
                        self.skipping = None;
                        self.next_line = first + 1;
                        self.carry = bytes;
                        return Ok(Some(Batch {
                            first_line: self.next_line,
                            skipped: Some(first),
                            consumed,
                            ..Batch::default()
                        }));
                    }
                    None if at_end => {
                        self.done = true;
                        return Ok(Some(Batch {
                            skipped: Some(first),
                            consumed,
                            ..Batch::default()
                        }));
                    }
                    None => continue,
                }
            }
            let cut = if at_end {
                self.done = true;
                bytes.len()
            } else {
                match memchr::memrchr(b'\n', &bytes[before..]) {
                    Some(i) => before + i + 1,
                    None if bytes.len() > MAX_DOCUMENT_BYTES => {
                        // One line longer than any document may be: skip to its end.
                        self.skipping = Some(self.next_line);
                        continue;
                    }
                    None => {
                        self.carry = bytes;
                        continue;
                    }
                }
            };
            if bytes.is_empty() && at_end {
                return Ok(None);
            }
            self.carry = bytes.split_off(cut);
            let first_line = self.next_line;
            self.next_line += memchr::memchr_iter(b'\n', &bytes).count();
            return Ok(Some(Batch {
                bytes,
                first_line,
                consumed,
                ..Batch::default()
            }));
        }
    }

    /// The whole input as one document (bounded by [`MAX_DOCUMENT_BYTES`]).
    fn whole(&mut self) -> io::Result<Batch> {
        let mut bytes = Vec::new();
        let read = (&mut self.reader)
            .take(MAX_DOCUMENT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)?;
        if read > MAX_DOCUMENT_BYTES {
            let skipped = read as u64 + io::copy(&mut self.reader, &mut io::sink())?;
            return Ok(Batch {
                skipped: Some(1),
                consumed: skipped,
                ..Batch::default()
            });
        }
        Ok(Batch {
            consumed: bytes.len() as u64,
            bytes,
            first_line: 1,
            whole: true,
            skipped: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(text: Vec<u8>, ndjson: bool) -> Vec<(usize, String)> {
        let mut batches = Batches::new(Box::new(std::io::Cursor::new(text)), ndjson);
        let mut out = Vec::new();
        while let Some(batch) = batches.next_batch().unwrap() {
            for (line, body) in batch.documents() {
                // Long documents are shown by length, so that a failure stays readable.
                match body {
                    Some(bytes) if bytes.len() > 100 => {
                        out.push((line, format!("<{} bytes>", bytes.len())))
                    }
                    Some(bytes) => out.push((line, String::from_utf8(bytes.to_vec()).unwrap())),
                    None => out.push((line, "<too large>".into())),
                }
            }
        }
        out
    }

    #[test]
    fn ndjson_skips_blank_lines_and_keeps_line_numbers() {
        let docs = documents(b"{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\":3}".to_vec(), true);
        assert_eq!(
            docs,
            vec![
                (1, "{\"a\":1}".to_string()),
                (4, "{\"b\":2}".to_string()),
                (5, "{\"c\":3}".to_string())
            ]
        );
    }

    #[test]
    fn a_single_document_is_read_whole() {
        let docs = documents(b"{\n\"a\": 1\n}\n".to_vec(), false);
        assert_eq!(docs, vec![(1, "{\n\"a\": 1\n}\n".to_string())]);
    }

    #[test]
    fn lines_longer_than_a_batch_are_whole() {
        let long = format!("{{\"t\":\"{}\"}}", "x".repeat(3 * BATCH_BYTES));
        let text = format!("{{}}\n{long}\n{{}}\n");
        let docs = documents(text.into_bytes(), true);
        let long = format!("<{} bytes>", long.len());
        assert_eq!(
            docs,
            vec![(1, "{}".to_string()), (2, long), (3, "{}".to_string())]
        );
    }

    #[test]
    fn lines_just_over_the_limit_are_too_large_wherever_they_end() {
        for extra in [1, 10, BATCH_BYTES - 3, BATCH_BYTES + 5] {
            let mut text = vec![b'x'; MAX_DOCUMENT_BYTES + extra];
            text.extend_from_slice(b"\n{}\n");
            let docs = documents(text, true);
            assert_eq!(
                docs,
                vec![(1, "<too large>".to_string()), (2, "{}".to_string())],
                "+{extra}"
            );
        }
    }

    #[test]
    fn oversized_lines_are_skipped_not_held() {
        let mut text = b"{}\n".to_vec();
        text.extend(vec![b'x'; MAX_DOCUMENT_BYTES + 10]);
        text.extend_from_slice(b"\n{}\n");
        text.extend(vec![b'y'; MAX_DOCUMENT_BYTES + 10]);
        let docs = documents(text, true);
        assert_eq!(
            docs,
            vec![
                (1, "{}".to_string()),
                (2, "<too large>".to_string()),
                (3, "{}".to_string()),
                (4, "<too large>".to_string())
            ]
        );
    }
}
