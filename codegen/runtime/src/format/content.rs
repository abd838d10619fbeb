//! draft-07's `contentEncoding` and `contentMediaType`, which that dialect lets a validator
//! assert: `base64` text (RFC 4648, padded) and `application/json` documents. Later
//! dialects made both annotations.

use data_encoding::BASE64;

/// Whether `s`, decoded from base64 first when `base64`, is what the keywords ask: valid
/// base64, and a JSON document when `json`.
pub fn content(s: &str, base64: bool, json: bool) -> bool {
    let decoded;
    let bytes = if base64 {
        match BASE64.decode(s.as_bytes()) {
            Ok(bytes) => {
                decoded = bytes;
                decoded.as_slice()
            }
            Err(_) => return false,
        }
    } else {
        s.as_bytes()
    };
    !json || serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_json_documents() {
        assert!(content("eyJmb28iOiAiYmFyIn0K", true, true));
        assert!(!content("eyJmb28iOi%iYmFyIn0K", true, false));
        assert!(!content("ezp9Cg==", true, true));
        assert!(content("{\"foo\": \"bar\"}", false, true));
        assert!(!content("{:}", false, true));
    }
}
