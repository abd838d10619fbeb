//! The `validate` binary, end to end: inputs, output formats, exit codes, and verdicts that
//! match the `jsonschema` crate's, line by line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_validate");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn validate(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A run that stops early (a usage error) closes its stdin: that is not a test failure.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().expect("validate exited by a signal"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The summary line is the only thing on stderr: counts, then size, time and throughput.
fn assert_summary(run: &Run, valid: usize, invalid: usize) {
    let expected = format!(
        "checked {} documents: {valid} valid, {invalid} invalid (",
        valid + invalid
    );
    assert!(run.stderr.starts_with(&expected), "{run:?}");
    assert!(
        run.stderr.ends_with(" MB/s)\n") && run.stderr.lines().count() == 1,
        "{run:?}"
    );
}

const VALID: &str =
    r#"{"access_token": "a", "issued_at": "2020-01-01T00:00:00Z", "expires_in": 3600}"#;

#[test]
fn a_valid_document_exits_0_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "one.json", VALID);
    let run = validate(&[&file], None);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_summary(&run, 1, 0);
}

#[test]
fn ndjson_reports_file_line_pointer_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{VALID}\n\n{{\"expires_in\": -5, \"refreshToken\": \"r\"}}\n{{\"issued_at\": \"2020-02-30T00:00:00Z\"}}\n{{oops\n"
    );
    let file = write(dir.path(), "batch.ndjson", &text);
    let run = validate(&[&file], None);
    assert_eq!(run.code, 1, "{run:?}");
    let expected = format!(
        "{file}:3: /expires_in: -5 is less than the minimum 0\n\
         {file}:3: /refreshToken: unknown property `refreshToken`; did you mean `refresh_token`?\n\
         {file}:4: /issued_at: \"2020-02-30T00:00:00Z\" is not a valid date-time\n\
         {file}:5: (root): invalid JSON at line 1 column 2: key must be a string\n"
    );
    assert_eq!(run.stdout, expected);
    assert_summary(&run, 1, 3);
}

#[test]
fn json_output_has_one_object_per_document_in_input_order() {
    let input = format!("{VALID}\n{{\"access_token\": null}}\n");
    let run = validate(&["--format", "json", "--ndjson"], Some(&input));
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines,
        vec![
            serde_json::json!({"source": "-", "line": 1, "valid": true, "errors": []}),
            serde_json::json!({"source": "-", "line": 2, "valid": false, "errors": [{
                "instanceLocation": "/access_token",
                "keywordLocation": "/properties/access_token/type",
                "error": "expected string, found null"
            }]}),
        ]
    );
}

#[test]
fn a_single_json_file_is_one_document_and_dash_is_stdin() {
    let pretty = "{\n  \"access_token\": \"a\",\n  \"expires_in\": \"soon\"\n}\n";
    let run = validate(&["-"], Some(pretty));
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "-:1: /expires_in: expected integer or null, found string\n"
    );
    let broken = "{\n  \"access_token\": \"a\",\n  \"expires_in\": \n}\n";
    let run = validate(&[], Some(broken));
    assert!(
        run.stdout
            .starts_with("-:4: (root): invalid JSON at line 4"),
        "{run:?}"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let run = validate(&["--format", "yaml"], None);
    assert_eq!(run.code, 2, "{run:?}");
    let run = validate(&["--schema", "nope"], None);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("no schema named `nope`; compiled in: credentials"),
        "{run:?}"
    );
    let run = validate(&["/definitely/not/here.json"], None);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("cannot read /definitely/not/here.json"),
        "{run:?}"
    );
    let run = validate(&["--help"], None);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Exit codes"), "{run:?}");
}

/// Every combination of these values, one payload per line.
fn payload_lines() -> Vec<String> {
    let refresh = [
        "",
        r#""refresh_token": "r""#,
        r#""refresh_token": null"#,
        r#""refresh_token": 7"#,
    ];
    let access = [
        "",
        r#""access_token": "a""#,
        r#""access_token": null"#,
        r#""access_token": {}"#,
    ];
    let issued = [
        "",
        r#""issued_at": "2020-01-01T00:00:00Z""#,
        r#""issued_at": "1998-12-31T15:59:60.123-08:00""#,
        r#""issued_at": "2020-02-30T00:00:00Z""#,
        r#""issued_at": "2020-01-01T00:00:00""#,
        r#""issued_at": null"#,
    ];
    let expires = [
        "",
        r#""expires_in": 3600"#,
        r#""expires_in": 3600.0"#,
        r#""expires_in": -5"#,
        r#""expires_in": 1.5"#,
        r#""expires_in": null"#,
    ];
    let extra = ["", r#""scope": "x""#];
    let mut lines = Vec::new();
    for r in refresh {
        for a in access {
            for i in issued {
                for e in expires {
                    for x in extra {
                        let members: Vec<&str> = [r, a, i, e, x]
                            .into_iter()
                            .filter(|m| !m.is_empty())
                            .collect();
                        lines.push(format!("{{{}}}", members.join(", ")));
                    }
                }
            }
        }
    }
    lines
}

#[test]
fn json_verdicts_match_the_jsonschema_crate_line_by_line() {
    let schema_path: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/schema/credentials.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let oracle = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let lines = payload_lines();
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "payloads.jsonl", &lines.join("\n"));
    let run = validate(&["--format", "json", &file], None);
    assert_eq!(run.code, 1, "some payloads are invalid");
    let reports: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), lines.len());
    let mut valid = 0;
    for (i, (line, report)) in lines.iter().zip(&reports).enumerate() {
        assert_eq!(report["line"], i + 1);
        let expected = oracle.is_valid(&serde_json::from_str(line).unwrap());
        assert_eq!(
            report["valid"],
            expected,
            "line {}: {line}: {report}",
            i + 1
        );
        valid += usize::from(expected);
    }
    assert!(
        valid > 50 && valid < lines.len() - 50,
        "{valid} of {} valid",
        lines.len()
    );
    assert_summary(&run, valid, lines.len() - valid);
}

/// A mixed NDJSON input: valid and invalid payloads, blank lines, broken JSON, duplicates.
fn mixed_lines(count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        let line = match i % 7 {
            0 => format!(r#"{{"access_token": "t{i}", "expires_in": {i}}}"#),
            1 => format!(r#"{{"access_token": "t{i}", "expires_in": -{i}}}"#),
            2 => String::new(),
            3 => format!(r#"{{"issued_at": "2020-02-{:02}T00:00:00Z"}}"#, 1 + i % 31),
            4 => format!(r#"{{"refreshToken": "r{i}"}}"#),
            5 => format!(r#"{{"access_token": "a", "access_token": "{i}"}}"#),
            _ => format!(r#"{{"expires_in": {i}"#),
        };
        text.push_str(&line);
        text.push('\n');
    }
    text
}

#[test]
fn output_is_the_same_for_every_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "mixed.ndjson", &mixed_lines(20_000));
    for format in ["text", "json"] {
        let one = validate(&["--format", format, "--jobs", "1", &file], None);
        let four = validate(&["--format", format, "--jobs", "4", &file], None);
        assert_eq!(one.code, 1);
        assert_eq!(four.code, one.code);
        assert!(one.stdout.lines().count() > 10_000, "{}", one.stdout.len());
        assert!(
            one.stdout == four.stdout,
            "--jobs 1 and --jobs 4 differ in {format} output"
        );
        let counts = |run: &Run| run.stderr.split(" (").next().unwrap().to_string();
        assert_eq!(counts(&one), counts(&four));
    }
}

#[test]
fn quiet_prints_only_the_summary() {
    let run = validate(&["--quiet", "--ndjson"], Some(&mixed_lines(70)));
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    // Ten lines of each kind; all ten dates fall on days 1 to 29 of February 2020.
    assert_summary(&run, 20, 40);
}

#[test]
fn jobs_must_be_positive() {
    let run = validate(&["--jobs", "0"], Some("{}"));
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn any_schema_file_is_validated_at_run_time_with_the_same_output_and_redaction() {
    let dir = tempfile::tempdir().unwrap();
    let schema = write(
        dir.path(),
        "login.json",
        r#"{
            "type": "object",
            "required": ["user", "password"],
            "properties": {
                "user": {"type": "string", "format": "email"},
                "password": {"type": "string", "writeOnly": true, "minLength": 12}
            },
            "additionalProperties": false
        }"#,
    );
    let payloads = [
        r#"{"user": "ada@example.com", "password": "correct horse battery"}"#,
        r#"{"user": "not-an-email", "password": "hunter2hunter"}"#,
        r#"{"user": "ada@example.com", "password": "short-pw"}"#,
        r#"{"user": "ada@example.com", "user": "b@example.com", "password": "correct horse battery"}"#,
    ];
    let input = payloads.join("\n");
    let run = validate(&["--schema-file", &schema, "--ndjson"], Some(&input));
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("-:2: /user: \"not-an-email\" is not a \"email\""),
        "{run:?}"
    );
    assert!(run.stdout.contains("-:3: /password: "), "{run:?}");
    assert!(
        !run.stdout.contains("short-pw"),
        "the password is redacted: {run:?}"
    );
    assert!(run.stdout.contains("-:4: /user: duplicate key"), "{run:?}");
    assert_summary(&run, 1, 3);

    let run = validate(
        &["--schema-file", &schema, "--ndjson", "--format", "json"],
        Some(&input),
    );
    let reports: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 4);
    assert_eq!(reports[2]["errors"][0]["instanceLocation"], "/password");
    assert_eq!(
        reports[2]["errors"][0]["keywordLocation"],
        "/properties/password/minLength"
    );

    let missing = validate(&["--schema-file", "/no/such/schema.json"], Some("{}"));
    assert_eq!(missing.code, 2, "{missing:?}");
    let both = validate(
        &["--schema-file", &schema, "--schema", "credentials"],
        Some("{}"),
    );
    assert_eq!(both.code, 2, "{both:?}");
}
