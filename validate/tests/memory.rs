//! Memory stays bounded whatever the input size: 128 MB of NDJSON (with 1 MB tokens and a
//! line too large to read) streamed through `validate`, whose peak resident set must stay
//! under 64 MiB. Measured by the kernel (`getrusage` of the finished child), not timed.

use std::io::Write;
use std::process::{Command, Stdio};

const LIMIT_BYTES: i64 = 64 * 1024 * 1024;
const INPUT_BYTES: usize = 128 * 1000 * 1000;

/// Peak resident set of the largest child process this test has waited for, in bytes.
fn peak_child_rss() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_CHILDREN is a valid target.
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(status, 0, "getrusage failed");
    // SAFETY: initialized by the successful call above.
    let usage = unsafe { usage.assume_init() };
    // Linux reports kilobytes.
    usage.ru_maxrss * 1024
}

#[test]
fn peak_memory_stays_bounded_on_a_large_stream() {
    for jobs in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_validate"))
            .args(["--ndjson", "--quiet", "--jobs", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let token = "t".repeat(1_000_000);
            let mut written = 0usize;
            let mut line = 0usize;
            let mut buffer = Vec::with_capacity(1 << 20);
            while written < INPUT_BYTES {
                buffer.clear();
                for _ in 0..1000 {
                    line += 1;
                    let text = if line % 20_000 == 0 {
                        format!("{{\"access_token\": \"{token}\", \"expires_in\": {line}}}\n")
                    } else if line % 10 == 0 {
                        format!("{{\"access_token\": \"tok{line}\", \"expires_in\": -1}}\n")
                    } else {
                        format!(
                            "{{\"refresh_token\": \"r{line}\", \"access_token\": \"tok{line}\", \"issued_at\": \"2020-01-01T00:00:00Z\", \"expires_in\": {line}}}\n"
                        )
                    };
                    buffer.extend_from_slice(text.as_bytes());
                }
                written += buffer.len();
                if stdin.write_all(&buffer).is_err() {
                    return written;
                }
            }
            // One line longer than any document may be, which must be skipped, not held.
            let huge = vec![b'x'; 20 * 1024 * 1024];
            let _ = stdin.write_all(&huge);
            let _ = stdin.write_all(b"\n{}\n");
            written + huge.len()
        });
        let output = child.wait_with_output().unwrap();
        let written = writer.join().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(written > INPUT_BYTES, "{written}");
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.starts_with("checked "), "{stderr}");
        let peak = peak_child_rss();
        assert!(
            peak < LIMIT_BYTES,
            "--jobs {jobs}: peak RSS {} MiB over {} MB of input",
            peak / (1024 * 1024),
            written / 1_000_000
        );
        eprintln!(
            "--jobs {jobs}: peak RSS {} MiB over {} MB of input",
            peak / (1024 * 1024),
            written / 1_000_000
        );
    }
}
