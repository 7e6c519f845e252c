//! Keys and hashes spelt in hexadecimal, as the journal and the wire carry them.

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 64 hex digits back into 32 bytes, if they are that.
pub fn unhex32(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in b.chunks(2).enumerate() {
        let digit = |c: u8| (c as char).to_digit(16);
        let hi = digit(pair[0])?;
        let lo = digit(pair[1])?;
        out[i] = u8::try_from(hi * 16 + lo).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_two_bytes_go_to_hex_and_back() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 8) as u8);
        let text = hex(&bytes);
        assert_eq!(text.len(), 64);
        assert!(text.starts_with("0008101820"));
        assert_eq!(unhex32(&text), Some(bytes));
        assert_eq!(unhex32(&text[2..]), None, "too short");
        assert_eq!(unhex32(&text.replace('0', "g")), None, "not hex");
    }
}
