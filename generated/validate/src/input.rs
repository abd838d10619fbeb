//! Where documents come from: files or standard input, read whole (one JSON document) or
//! line by line (NDJSON), with a bound on the size of any one document.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest document read; a larger one is reported invalid without being held in memory.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

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

    pub fn open(&self) -> io::Result<Box<dyn BufRead + Send>> {
        Ok(match self {
            Source::Stdin => Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            Source::File(path) => Box::new(BufReader::with_capacity(1 << 16, File::open(path)?)),
        })
    }
}

/// One document: its first line within the source, and its bytes, or why they were not kept.
#[derive(Debug)]
pub struct Document {
    pub line: usize,
    pub body: Body,
}

#[derive(Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// Longer than [`MAX_DOCUMENT_BYTES`]; skipped without being held.
    TooLarge,
}

/// Reads documents one at a time, so memory holds one document whatever the input size.
pub struct Documents {
    reader: Box<dyn BufRead + Send>,
    ndjson: bool,
    next_line: usize,
    done: bool,
}

impl Documents {
    pub fn new(reader: Box<dyn BufRead + Send>, ndjson: bool) -> Self {
        Documents {
            reader,
            ndjson,
            next_line: 1,
            done: false,
        }
    }

    /// The next document, `None` at the end.
    pub fn next_document(&mut self) -> io::Result<Option<Document>> {
        if self.done {
            return Ok(None);
        }
        if !self.ndjson {
            self.done = true;
            let mut bytes = Vec::new();
            let read = (&mut self.reader)
                .take(MAX_DOCUMENT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)?;
            let body = if read > MAX_DOCUMENT_BYTES {
                Body::TooLarge
            } else {
                Body::Bytes(bytes)
            };
            return Ok(Some(Document { line: 1, body }));
        }
        loop {
            let line = self.next_line;
            let Some(body) = self.read_line()? else {
                self.done = true;
                return Ok(None);
            };
            self.next_line += 1;
            match body {
                Body::Bytes(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                body => return Ok(Some(Document { line, body })),
            }
        }
    }

    /// One line without its terminator; `None` at the end of the input.
    fn read_line(&mut self) -> io::Result<Option<Body>> {
        let mut bytes = Vec::new();
        let mut too_large = false;
        let mut saw_any = false;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            saw_any = true;
            let (chunk, found_newline) = match buffer.iter().position(|&b| b == b'\n') {
                Some(i) => (&buffer[..i], true),
                None => (buffer, false),
            };
            if !too_large {
                if bytes.len() + chunk.len() > MAX_DOCUMENT_BYTES {
                    too_large = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(chunk);
                }
            }
            let used = chunk.len() + usize::from(found_newline);
            self.reader.consume(used);
            if found_newline {
                break;
            }
        }
        if !saw_any {
            return Ok(None);
        }
        if too_large {
            return Ok(Some(Body::TooLarge));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        Ok(Some(Body::Bytes(bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(text: &'static [u8], ndjson: bool) -> Vec<(usize, String)> {
        let mut docs = Documents::new(Box::new(text), ndjson);
        let mut out = Vec::new();
        while let Some(doc) = docs.next_document().unwrap() {
            match doc.body {
                Body::Bytes(bytes) => out.push((doc.line, String::from_utf8(bytes).unwrap())),
                Body::TooLarge => out.push((doc.line, "<too large>".into())),
            }
        }
        out
    }

    #[test]
    fn ndjson_skips_blank_lines_and_keeps_line_numbers() {
        let docs = documents(b"{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\":3}", true);
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
        let docs = documents(b"{\n\"a\": 1\n}\n", false);
        assert_eq!(docs, vec![(1, "{\n\"a\": 1\n}\n".to_string())]);
    }

    #[test]
    fn oversized_lines_are_skipped_not_held() {
        let mut text = vec![b'x'; MAX_DOCUMENT_BYTES + 10];
        text.extend_from_slice(b"\n{}\n");
        let text: &'static [u8] = Box::leak(text.into_boxed_slice());
        let docs = documents(text, true);
        assert_eq!(
            docs,
            vec![(1, "<too large>".to_string()), (2, "{}".to_string())]
        );
    }
}
