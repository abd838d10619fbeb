//! The benchmark corpus: generated, deterministic Credentials payloads in one buffer.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Payloads back to back, one per line, as an NDJSON file holds them.
pub struct Corpus {
    text: Vec<u8>,
    /// (start, end) of each payload in `text`.
    spans: Vec<(usize, usize)>,
}

/// A small deterministic generator (xorshift64*), so every run measures the same bytes.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn token(&mut self, length: usize) -> String {
        const ALPHABET: &[u8] =
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
        (0..length)
            .map(|_| ALPHABET[self.below(ALPHABET.len() as u64) as usize] as char)
            .collect()
    }
}

impl Corpus {
    /// `count` payloads; every `invalid_every`-th one is invalid (0: none).
    pub fn generate(count: usize, invalid_every: usize) -> Self {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let mut text = Vec::with_capacity(count * 160);
        let mut spans = Vec::with_capacity(count);
        for i in 0..count {
            let start = text.len();
            let invalid = invalid_every > 0 && i % invalid_every == invalid_every - 1;
            let payload = if invalid {
                invalid_payload(&mut random, i / invalid_every)
            } else {
                valid_payload(&mut random)
            };
            text.extend_from_slice(payload.as_bytes());
            spans.push((start, text.len()));
            text.push(b'\n');
        }
        Corpus { text, spans }
    }

    pub fn payloads(&self) -> impl Iterator<Item = &[u8]> {
        self.spans
            .iter()
            .map(|&(start, end)| &self.text[start..end])
    }

    /// Bytes of JSON, newlines excluded.
    pub fn bytes(&self) -> usize {
        self.spans.iter().map(|(start, end)| end - start).sum()
    }

    /// Bytes of the NDJSON file.
    pub fn file_bytes(&self) -> usize {
        self.text.len()
    }

    pub fn write_ndjson(&self, path: &Path) -> PathBuf {
        let mut file = std::fs::File::create(path).expect("the temporary folder is writable");
        file.write_all(&self.text)
            .expect("the temporary folder is writable");
        path.to_path_buf()
    }
}

fn date_time(random: &mut Random) -> String {
    let (year, month, day) = (
        2000 + random.below(30),
        1 + random.below(12),
        1 + random.below(28),
    );
    let (hour, minute, second) = (random.below(24), random.below(60), random.below(60));
    let fraction = match random.below(3) {
        0 => String::new(),
        1 => format!(".{:03}", random.below(1000)),
        _ => format!(".{:06}", random.below(1_000_000)),
    };
    let offset = match random.below(3) {
        0 => "Z".to_string(),
        1 => "+02:00".to_string(),
        _ => "-05:30".to_string(),
    };
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{offset}")
}

fn valid_payload(random: &mut Random) -> String {
    let mut members = Vec::with_capacity(4);
    if random.below(10) < 8 {
        let length = 20 + random.below(40) as usize;
        members.push(format!("\"refresh_token\":\"{}\"", random.token(length)));
    }
    let length = 30 + random.below(50) as usize;
    members.push(format!("\"access_token\":\"{}\"", random.token(length)));
    match random.below(10) {
        0 => members.push("\"issued_at\":null".to_string()),
        1 => {}
        _ => members.push(format!("\"issued_at\":\"{}\"", date_time(random))),
    }
    match random.below(10) {
        0 => members.push("\"expires_in\":null".to_string()),
        _ => members.push(format!("\"expires_in\":{}", random.below(100_000))),
    }
    format!("{{{}}}", members.join(","))
}

fn invalid_payload(random: &mut Random, which: usize) -> String {
    let token = random.token(40);
    match which % 5 {
        0 => format!(
            "{{\"access_token\":\"{token}\",\"expires_in\":-{}}}",
            1 + random.below(1000)
        ),
        1 => format!("{{\"access_token\":\"{token}\",\"issued_at\":\"2021-02-30T10:00:00Z\"}}"),
        2 => format!("{{\"access_token\":null,\"refresh_token\":\"{token}\"}}"),
        3 => format!("{{\"accessToken\":\"{token}\",\"expires_in\":3600}}"),
        _ => format!("{{\"access_token\":\"{token}\",\"expires_in\":\"3600\"}}"),
    }
}
