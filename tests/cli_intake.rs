//! `respijt intake export` on one laptop, `respijt intake import` on the other.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod intake_common;

use std::path::Path;
use std::process::{Command, Output};

use respijt::intake;

fn respijt(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_respijt"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("RESPIJT_DB")
        .env("RESPIJT_PASSPHRASE_FILE", common::passphrase_file(db.parent().unwrap()))
        .output()
        .expect("run respijt")
}

#[test]
fn hand_over_round_trip_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (laptop, office) = (dir.path().join("consulent.db"), dir.path().join("regisseur.db"));
    {
        let store = common::open(&laptop);
        let (cg, rc) = intake_common::person(&store, "Ria", "de Vries");
        intake::complete_intake(store.conn(), None, &intake_common::full_input(cg, rc), common::now()).unwrap();
    }
    let secret = dir.path().join("wachtwoord.txt");
    std::fs::write(&secret, "paard batterij nietje correct\n").unwrap();
    let file = dir.path().join("overdracht.age");
    let (file_arg, secret_arg) = (file.to_str().unwrap(), secret.to_str().unwrap());

    let out = respijt(&laptop, &["intake", "export", "--out", file_arg, "--passphrase-file", secret_arg]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 intake(s) overgedragen"));

    let out = respijt(&laptop, &["intake", "export", "--out", file_arg, "--passphrase-file", secret_arg]);
    assert_eq!(out.status.code(), Some(3), "nothing left to hand over: refused, the file is kept");
    assert!(file.exists());

    let import = |passphrase_file: &str| {
        respijt(&office, &["intake", "import", file_arg, "--passphrase-file", passphrase_file, "--json"])
    };
    let out = import(secret_arg);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((json["intakesNew"].as_i64(), json["caregiversCreated"].as_i64()), (Some(1), Some(1)));

    let out = import(secret_arg);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((json["intakesNew"].as_i64(), json["intakesAlreadyPresent"].as_i64()), (Some(0), Some(1)));

    let wrong = dir.path().join("fout.txt");
    std::fs::write(&wrong, "iets heel anders").unwrap();
    let out = import(wrong.to_str().unwrap());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Het wachtwoord klopt niet"));
}

/// A hand-over file armored as `age -a` writes it (text, for an e-mail
/// body) is read like the binary one.
#[test]
fn an_armored_hand_over_file_is_read() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let (laptop, office) = (dir.path().join("consulent.db"), dir.path().join("regisseur.db"));
    {
        let store = common::open(&laptop);
        let (cg, rc) = intake_common::person(&store, "Ria", "de Vries");
        intake::complete_intake(store.conn(), None, &intake_common::full_input(cg, rc), common::now()).unwrap();
    }
    let secret = dir.path().join("wachtwoord.txt");
    std::fs::write(&secret, "paard batterij nietje correct\n").unwrap();
    let binary = dir.path().join("overdracht.age");
    let out = respijt(
        &laptop,
        &["intake", "export", "--out", binary.to_str().unwrap(), "--passphrase-file", secret.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut writer = age::armor::ArmoredWriter::wrap_output(Vec::new(), age::armor::Format::AsciiArmor).unwrap();
    writer.write_all(&std::fs::read(&binary).unwrap()).unwrap();
    let armored = dir.path().join("overdracht.age.txt");
    std::fs::write(&armored, writer.finish().unwrap()).unwrap();
    assert!(std::fs::read_to_string(&armored).unwrap().starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));

    let out = respijt(
        &office,
        &["intake", "import", armored.to_str().unwrap(), "--passphrase-file", secret.to_str().unwrap(), "--json"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((json["intakesNew"].as_i64(), json["caregiversCreated"].as_i64()), (Some(1), Some(1)));
}
