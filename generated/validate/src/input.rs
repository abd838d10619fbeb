//! Where documents come from: files or standard input, read whole (one JSON document) or in
//! chunks of lines (NDJSON), so that memory holds a few chunks whatever the input size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
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

    pub fn open(&self) -> io::Result<Box<dyn BufRead + Send>> {
        Ok(match self {
            Source::Stdin => Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            Source::File(path) => Box::new(BufReader::with_capacity(1 << 16, File::open(path)?)),
        })
    }
}

/// A run of consecutive documents of one source, and the bytes they lie in.
#[derive(Debug, Default)]
pub struct Batch {
    pub bytes: Vec<u8>,
    pub documents: Vec<Document>,
    /// Input bytes this batch accounts for, skipped ones included (for progress).
    pub consumed: u64,
}

/// One document of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document {
    /// Its first line within its source.
    pub line: usize,
    pub body: Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// `bytes[start..end]` of the batch.
    Range { start: usize, end: usize },
    /// Longer than [`MAX_DOCUMENT_BYTES`]; skipped without being held.
    TooLarge,
}

impl Batch {
    pub fn slice(&self, document: &Document) -> Option<&[u8]> {
        match document.body {
            Body::Range { start, end } => Some(&self.bytes[start..end]),
            Body::TooLarge => None,
        }
    }
}

/// Cuts a source into batches: the whole input as one document, or NDJSON lines.
pub struct Batches {
    reader: Box<dyn BufRead + Send>,
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
    pub fn new(reader: Box<dyn BufRead + Send>, ndjson: bool) -> Self {
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
        loop {
            let mut bytes = std::mem::take(&mut self.carry);
            let before = bytes.len();
            let read = (&mut self.reader)
                .take(BATCH_BYTES as u64)
                .read_to_end(&mut bytes)?;
            let at_end = read == 0;
            let last_newline = bytes[before..]
                .iter()
                .rposition(|&b| b == b'\n')
                .map(|i| before + i);
            match last_newline {
                Some(end) => {
                    self.carry = bytes[end + 1..].to_vec();
                    bytes.truncate(end + 1);
                    let mut batch = self.lines(bytes, true);
                    batch.consumed = batch.bytes.len() as u64;
                    return Ok(Some(batch));
                }
                None if at_end => {
                    self.done = true;
                    if bytes.is_empty() && self.skipping.is_none() {
                        return Ok(None);
                    }
                    let consumed = bytes.len() as u64;
                    let mut batch = self.lines(bytes, false);
                    batch.consumed = consumed;
                    return Ok(Some(batch));
                }
                None if bytes.len() > MAX_DOCUMENT_BYTES => {
                    // One line longer than any document may be: drop what was read of it
                    // and skip to its end.
                    self.skipping.get_or_insert(self.next_line);
                    if self.skipping == Some(self.next_line) && read > 0 {
                        let consumed = bytes.len() as u64;
                        self.carry = Vec::new();
                        return Ok(Some(Batch {
                            consumed,
                            ..Batch::default()
                        }));
                    }
                }
                None => self.carry = bytes,
            }
        }
    }

    /// The whole input as one document (bounded by [`MAX_DOCUMENT_BYTES`]).
    fn whole(&mut self) -> io::Result<Batch> {
        let mut bytes = Vec::new();
        let read = (&mut self.reader)
            .take(MAX_DOCUMENT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)?;
        if read > MAX_DOCUMENT_BYTES {
            let mut skipped = read as u64;
            skipped += io::copy(&mut self.reader, &mut io::sink())?;
            return Ok(Batch {
                bytes: Vec::new(),
                documents: vec![Document {
                    line: 1,
                    body: Body::TooLarge,
                }],
                consumed: skipped,
            });
        }
        let end = bytes.len();
        Ok(Batch {
            bytes,
            documents: vec![Document {
                line: 1,
                body: Body::Range { start: 0, end },
            }],
            consumed: end as u64,
        })
    }

    /// Splits complete lines (ending in `\n` when `terminated`) into documents; blank lines
    /// are skipped, and the tail of an oversized line becomes its `TooLarge` report.
    fn lines(&mut self, bytes: Vec<u8>, terminated: bool) -> Batch {
        let mut documents = Vec::new();
        let mut start = 0;
        while start < bytes.len() || (!terminated && start == 0 && self.skipping.is_some()) {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| start + i);
            let line = self.next_line;
            self.next_line += 1;
            if let Some(first) = self.skipping.take() {
                documents.push(Document {
                    line: first,
                    body: Body::TooLarge,
                });
            } else if end - start > MAX_DOCUMENT_BYTES {
                // Read whole because its end came with the same read; still too large.
                documents.push(Document {
                    line,
                    body: Body::TooLarge,
                });
            } else {
                let mut content_end = end;
                if content_end > start && bytes[content_end - 1] == b'\r' {
                    content_end -= 1;
                }
                let blank = bytes[start..content_end]
                    .iter()
                    .all(u8::is_ascii_whitespace);
                if !blank {
                    documents.push(Document {
                        line,
                        body: Body::Range {
                            start,
                            end: content_end,
                        },
                    });
                }
            }
            start = end + 1;
        }
        Batch {
            bytes,
            documents,
            consumed: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(text: Vec<u8>, ndjson: bool) -> Vec<(usize, String)> {
        let mut batches = Batches::new(Box::new(std::io::Cursor::new(text)), ndjson);
        let mut out = Vec::new();
        while let Some(batch) = batches.next_batch().unwrap() {
            for document in &batch.documents {
                // Long documents are shown by length, so that a failure stays readable.
                match batch.slice(document) {
                    Some(bytes) if bytes.len() > 100 => {
                        out.push((document.line, format!("<{} bytes>", bytes.len())))
                    }
                    Some(bytes) => {
                        out.push((document.line, String::from_utf8(bytes.to_vec()).unwrap()))
                    }
                    None => out.push((document.line, "<too large>".into())),
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
