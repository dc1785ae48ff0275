//! The hand-over file's envelope: the `age` format with a passphrase
//! (scrypt). age authenticates every chunk, so a changed or cut-off file is
//! refused before a single byte of it is used. Written binary; read binary
//! or armored (`age -a`, the PEM-like text form of the same file, which
//! survives being pasted into an e-mail). See docs/handover.md.

use std::io::{Read, Write};

use age::secrecy::SecretString;

use crate::error::{Error, FieldError, Result};

/// scrypt work factor (N = 2^17, 128 MiB): about half a second on a slow
/// two-core machine, each time a file is written or opened; guessing a
/// passphrase costs an attacker as much per try. Fixed rather than measured
/// per machine (age's default, about a second) so that a file from a fast
/// laptop opens just as quickly on a slow one, and importing 500 intakes
/// stays under a second (the database part is under 0.1 s).
const WORK_FACTOR: u8 = 17;

/// Never accept more work than this: a crafted file cannot tie up the app.
const MAX_WORK_FACTOR: u8 = WORK_FACTOR + 3;

/// A passphrase a person can type and still not guess in an afternoon.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

pub(crate) const WRONG_PASSPHRASE: &str = "Het wachtwoord klopt niet. Controleer het wachtwoord (let op hoofdletters en spaties) en probeer het opnieuw. Er is niets ingelezen.";

pub(crate) const DAMAGED: &str = "Het bestand is beschadigd of aangepast, of het is geen overdrachtsbestand van Respijtregie. Vraag de consulent het bestand opnieuw te sturen. Er is niets ingelezen.";

pub(crate) fn encrypt(plaintext: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::Validation(vec![FieldError::new(
            "passphrase",
            format!("Kies een wachtwoord van ten minste {MIN_PASSPHRASE_CHARS} tekens, bijvoorbeeld een paar losse woorden."),
        )]));
    }
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    recipient.set_work_factor(WORK_FACTOR);
    let failed = |e: &dyn std::fmt::Display| Error::Invalid(format!("Het bestand kon niet worden versleuteld: {e}"));
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).map_err(|e| failed(&e))?;
    let mut out = Vec::with_capacity(plaintext.len() + 512);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plaintext)?;
    writer.finish()?;
    Ok(out)
}

pub(crate) fn decrypt(ciphertext: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    // The armored reader passes a binary file through unchanged.
    let input = age::armor::ArmoredReader::new(ciphertext);
    let decryptor = age::Decryptor::new_buffered(input).map_err(|_| Error::Invalid(DAMAGED.into()))?;
    if !decryptor.is_scrypt() {
        return Err(Error::Invalid(DAMAGED.into()));
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| {
        use age::DecryptError::*;
        match e {
            // The passphrase unlocks the file key, and only it: when that fails
            // the passphrase is wrong (or exactly those bytes were changed).
            DecryptionFailed | KeyDecryptionFailed | NoMatchingKeys => Error::Invalid(WRONG_PASSPHRASE.into()),
            _ => Error::Invalid(DAMAGED.into()),
        }
    })?;
    let mut plaintext = Vec::new();
    reader.read_to_end(&mut plaintext).map_err(|_| Error::Invalid(DAMAGED.into()))?;
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_wrong_passphrase_and_tampering() {
        let text = b"{\"hallo\":\"wereld\"}".repeat(200);
        let sealed = encrypt(&text, "correct paard batterij").unwrap();
        assert_eq!(decrypt(&sealed, "correct paard batterij").unwrap(), text);
        assert!(matches!(decrypt(&sealed, "verkeerd wachtwoord"), Err(Error::Invalid(m)) if m == WRONG_PASSPHRASE));
        let mut flipped = sealed.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x01;
        assert!(matches!(decrypt(&flipped, "correct paard batterij"), Err(Error::Invalid(m)) if m == DAMAGED));
        let cut = &sealed[..sealed.len() - 20];
        assert!(matches!(decrypt(cut, "correct paard batterij"), Err(Error::Invalid(m)) if m == DAMAGED));
        assert!(matches!(encrypt(&text, "kort"), Err(Error::Validation(_))));
    }

    /// The same file armored (`age -a`), as the reference tool writes it:
    /// read, and a changed letter in it still refused.
    #[test]
    fn armored_files_are_read() {
        use age::armor::{ArmoredWriter, Format};
        let text = b"{\"hallo\":\"wereld\"}".repeat(200);
        let sealed = encrypt(&text, "correct paard batterij").unwrap();
        let mut armored = ArmoredWriter::wrap_output(Vec::new(), Format::AsciiArmor).unwrap();
        armored.write_all(&sealed).unwrap();
        let armored = armored.finish().unwrap();
        assert!(armored.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        assert_eq!(decrypt(&armored, "correct paard batterij").unwrap(), text);
        assert!(matches!(decrypt(&armored, "verkeerd wachtwoord"), Err(Error::Invalid(m)) if m == WRONG_PASSPHRASE));
        // With Windows line ends, as an e-mail client may save it.
        let crlf = String::from_utf8(armored.clone()).unwrap().replace('\n', "\r\n");
        assert_eq!(decrypt(crlf.as_bytes(), "correct paard batterij").unwrap(), text);
        let mut changed = armored.clone();
        let at = changed.len() / 2;
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
        assert!(matches!(decrypt(&changed, "correct paard batterij"), Err(Error::Invalid(m)) if m == DAMAGED));
    }
}
