//! Path segments of a request URL.

/// Percent-encodes one path segment exactly as `progenitor_client::encode_path` does, which
/// the generated code called before (the `request-building` pass): a segment with nothing
/// to encode, the usual id, is copied as it is, without the formatting machinery.
pub fn encode_path(segment: &str) -> String {
    if segment.bytes().all(|byte| PLAIN[usize::from(byte)]) {
        segment.to_owned()
    } else {
        progenitor_client::encode_path(segment)
    }
}

/// The bytes progenitor's path set leaves as they are: printable ASCII except the
/// characters it encodes (controls, space and non-ASCII are encoded too).
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut byte = 0x21;
    while byte <= 0x7e {
        plain[byte as usize] =
            !matches!(byte, b'"' | b'#' | b'<' | b'>' | b'?' | b'`' | b'{' | b'}' | b'/' | b'%');
        byte += 1;
    }
    plain
};

#[cfg(test)]
mod tests {
    use super::encode_path;

    #[test]
    fn plain_ids_are_copied_and_the_rest_encoded() {
        assert_eq!(encode_path("trk_01HZX-9.a~b"), "trk_01HZX-9.a~b");
        assert_eq!(encode_path("a/b c%"), "a%2Fb%20c%25");
        assert_eq!(encode_path("é?#"), "%C3%A9%3F%23");
    }

    #[test]
    fn same_as_progenitor_for_every_character() {
        // The decision is per byte, so every character alone, and each between plain
        // neighbours, covers it.
        for c in
            (0..=0x10_ffff).filter_map(char::from_u32).step_by(7).chain((0..=0x7f).filter_map(char::from_u32))
        {
            for segment in [c.to_string(), format!("id{c}x")] {
                assert_eq!(encode_path(&segment), progenitor_client::encode_path(&segment), "{segment:?}");
            }
        }
    }
}
