//! The `respijt` binary as a scheduled job or a person at a terminal uses it.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::process::Command;

fn respijt(db: &std::path::Path, args: &[&str]) -> std::process::Output {
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
fn import_with_bad_rows_exits_non_zero_and_reports_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let mut text = String::from(common::HEADER);
    for n in 1..=6 {
        let mut row = common::row(n);
        if n == 4 {
            row = row.replace("p4@voorbeeld.nl", "geen-email");
        }
        text.push('\n');
        text.push_str(&row);
    }
    let file = dir.path().join("m.csv");
    std::fs::write(&file, text).unwrap();

    let out = respijt(&db, &["import", "caregivers", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(3), "rejected rows give a non-zero exit code");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["imported"], 0);
    assert_eq!(json["rejected"][0]["row"], 4);
    assert_eq!(json["rejected"][0]["column"], "email");

    let out = respijt(&db, &["import", "caregivers", file.to_str().unwrap(), "--skip-invalid", "--json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["imported"], 5);

    let out = respijt(&db, &["caregivers", "list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["items"].as_array().map(Vec::len), Some(5));
}

#[test]
fn demo_is_deterministic_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    for db in [&a, &b] {
        let out = respijt(db, &["demo", "--seed", "7", "--caregivers", "300"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let list = |db| respijt(db, &["caregivers", "list", "--query", "Dordrecht", "--json"]).stdout;
    let (la, lb) = (list(&a), list(&b));
    assert_eq!(la, lb, "the same seed gives the same region");
    let json: serde_json::Value = serde_json::from_slice(&la).unwrap();
    let items = json["items"].as_array().unwrap();
    let total = json["total"].as_u64().unwrap();
    assert!(total > 50, "Dordrecht has the most inhabitants, so the most caregivers: {total}");
    assert_eq!(items.len(), 50, "the best 50 shown, the rest counted");
    assert!(items.iter().all(|c| c["municipalityName"] == "Dordrecht"));
}

#[test]
fn the_environment_variable_names_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("via-env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_respijt"))
        .arg("init")
        .env("RESPIJT_DB", &db)
        .env("RESPIJT_PASSPHRASE_FILE", common::passphrase_file(dir.path()))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.exists());
}

#[test]
fn backup_and_restore_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let file = dir.path().join("m.csv");
    std::fs::write(&file, format!("{}\n{}", common::HEADER, common::row(1))).unwrap();
    assert!(respijt(&db, &["import", "caregivers", file.to_str().unwrap()]).status.success());

    let out = respijt(&db, &["backup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let made = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "db"))
        .unwrap();
    assert!(made.to_string_lossy().ends_with("-handmatig.db"), "{made:?}");
    let listed = String::from_utf8_lossy(&respijt(&db, &["backup", "--list"]).stdout).to_string();
    assert!(listed.contains("handmatig"), "{listed}");

    std::fs::write(&file, format!("{}\n{}", common::HEADER, common::row(2))).unwrap();
    assert!(respijt(&db, &["import", "caregivers", file.to_str().unwrap()]).status.success());
    let count = |db: &std::path::Path| {
        let out = respijt(db, &["caregivers", "list", "--json"]);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["items"].as_array().unwrap().len()
    };
    assert_eq!(count(&db), 2);
    let out = respijt(&db, &["restore", made.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(&db), 1, "back as it was at the backup");

    let junk = dir.path().join("kapot.db");
    std::fs::write(&junk, b"dit is geen opslag").unwrap();
    let out = respijt(&db, &["restore", junk.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("niet bruikbaar"));
    assert_eq!(count(&db), 1, "a bad file changes nothing");
}

#[test]
fn the_audit_trail_is_checked_and_exported_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let file = dir.path().join("m.csv");
    std::fs::write(&file, format!("{}\n{}", common::HEADER, common::row(1))).unwrap();
    assert!(respijt(&db, &["import", "caregivers", file.to_str().unwrap()]).status.success());
    let out = respijt(&db, &["audit", "verify"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("de keten klopt"));

    // A change around the triggers (someone with the passphrase and a SQL tool).
    {
        let store = common::open(&db);
        let actor: String =
            store.conn().query_row("SELECT actor FROM audit_entry WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert!(actor.starts_with("opdrachtregel"), "{actor}");
        store.conn().execute_batch("DROP TRIGGER audit_entry_no_update").unwrap();
        store.conn().execute("UPDATE audit_entry SET detail = 'niets' WHERE id = 1", []).unwrap();
    }
    let out = respijt(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stdout).contains("regel 1 past niet meer"));

    let trail = dir.path().join("logboek.csv");
    let out = respijt(&db, &["audit", "export", "--caregiver", "1", "--out", trail.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(&trail).unwrap().starts_with("\u{feff}wanneer (UTC);wie;namens;wat;toelichting"));
}

#[test]
fn a_trail_whose_end_was_cut_off_fails_verify_against_its_seals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    for n in 1..=3 {
        let file = dir.path().join(format!("m{n}.csv"));
        std::fs::write(&file, format!("{}\n{}", common::HEADER, common::row(n))).unwrap();
        assert!(respijt(&db, &["import", "caregivers", file.to_str().unwrap()]).status.success());
    }
    assert!(respijt(&db, &["backup"]).status.success());
    let usb = tempfile::tempdir().unwrap();
    let kept = usb.path().join("logboek.zegel");
    let out = respijt(&db, &["audit", "seal", "--out", kept.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(kept.exists() && dir.path().join("cli.zegel").exists());
    let out = respijt(&db, &["audit", "verify", "--seal", kept.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Klopt met de back-up respijtregie-") && text.contains("Het logboek is heel."), "{text}");

    // The newest entries removed around the trigger: the chain still links, the seals do not.
    let entries: i64 = {
        let conn = common::keyed(&db);
        let entries = conn.query_row("SELECT COUNT(*) FROM audit_entry", [], |r| r.get(0)).unwrap();
        conn.execute_batch("DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE id > 1;").unwrap();
        entries
    };
    assert!(entries >= 3, "{entries}");
    let out = respijt(&db, &["audit", "verify"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(4), "{text}");
    assert!(text.contains("de keten klopt"), "the chain itself is whole: {text}");
    assert!(
        text.contains("Het logboek is korter dan de back-up respijtregie-")
            && text.contains(&format!("telt {entries} regels")),
        "{text}"
    );

    // With the seal files and backups gone too, the seal kept elsewhere still says so.
    std::fs::remove_dir_all(dir.path().join("backups")).unwrap();
    std::fs::remove_file(dir.path().join("cli.zegel")).unwrap();
    let out = respijt(&db, &["audit", "verify", "--seal", kept.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(4), "{text}");
    assert!(text.contains("Het logboek is korter dan het opgegeven zegel"), "{text}");
}

#[test]
fn users_are_added_from_the_terminal_with_a_password_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let password = dir.path().join("wachtwoord.txt");
    std::fs::write(&password, "marieke-wachtwoord\n").unwrap();
    let add = |name: &str, role: &str| {
        Command::new(env!("CARGO_BIN_EXE_respijt"))
            .arg("--db")
            .arg(&db)
            .args(["users", "add", "--name", name, "--role", role])
            .env_remove("RESPIJT_DB")
            .env("RESPIJT_PASSPHRASE_FILE", common::passphrase_file(dir.path()))
            .env("RESPIJT_USER_PASSWORD_FILE", &password)
            .output()
            .unwrap()
    };
    let out = add("marieke", "regisseur");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = add("marieke", "financien");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("al in gebruik"));
    let out = add("kees", "baas");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Kies --role"));
    let listed = String::from_utf8_lossy(&respijt(&db, &["users", "list"]).stdout).to_string();
    assert!(listed.contains("marieke") && listed.contains("Regisseur"), "{listed}");
    let mut store = common::open(&db);
    assert!(store.sign_in_required(), "the app asks who is there from now on");
    store.sign_in("marieke", "marieke-wachtwoord").unwrap();
}

/// What a scheduled job sees: a period relative to the day it runs, no
/// question on a terminal that is not there, and exit codes to act on.
#[test]
fn a_scheduled_export_runs_unattended() {
    use chrono::Datelike as _;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("taak.db");
    assert!(respijt(&db, &["init"]).status.success());
    let out_file = dir.path().join("samenvatting.csv");
    let out = respijt(
        &db,
        &["export", "summary", "--period", "vorig-kwartaal", "--format", "csv", "--out", out_file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    #[allow(clippy::disallowed_methods)]
    let today = chrono::Local::now().date_naive();
    let quarter = (today.month() - 1) / 3 + 1;
    let expected =
        if quarter == 1 { format!("{}-Q4", today.year() - 1) } else { format!("{}-Q{}", today.year(), quarter - 1) };
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with(&expected), "the quarter before today ({expected}): {said}");
    assert!(out_file.exists());

    // No passphrase file and no terminal (stdin from /dev/null, as under cron or systemd).
    let unattended = dir.path().join("zonder.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_respijt"))
        .arg("--db")
        .arg(&db)
        .args(["export", "summary", "--period", "vorige-maand", "--out", unattended.to_str().unwrap()])
        .env_remove("RESPIJT_DB")
        .env_remove("RESPIJT_PASSPHRASE_FILE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains("zonder terminal") && err.contains("RESPIJT_PASSPHRASE_FILE"), "{err}");
    assert!(!unattended.exists());

    // A wrong passphrase: the same exit code, the store stays shut.
    let wrong = dir.path().join("fout.txt");
    std::fs::write(&wrong, "dit is niet de wachtwoordzin").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_respijt"))
        .arg("--db")
        .arg(&db)
        .args(["export", "summary", "--period", "vorig-jaar", "--out", unattended.to_str().unwrap()])
        .env_remove("RESPIJT_DB")
        .env("RESPIJT_PASSPHRASE_FILE", &wrong)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", String::from_utf8_lossy(&out.stderr));

    // An unknown period: refused (1), and the message names the words that work.
    let out = respijt(&db, &["export", "summary", "--period", "volgend-jaar", "--out", unattended.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("vorig-kwartaal"));
    // Wrong usage (an option that does not exist): clap's 2.
    assert_eq!(respijt(&db, &["export", "summary", "--periode", "2026"]).status.code(), Some(2));
}

/// A region that leaves, or a person who asks: the whole list, with the
/// extern ids, and the register as CSV files.
#[test]
fn every_caregiver_listed_and_the_register_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.db");
    let out = respijt(&db, &["demo", "--seed", "5", "--caregivers", "230", "--sessions", "0"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let text = String::from_utf8_lossy(&respijt(&db, &["caregivers", "list"]).stdout).to_string();
    assert!(text.contains("… en 180 meer") && text.contains("--all"), "{text}");
    assert_eq!(text.lines().count(), 51, "the best 50, then how many more");
    assert!(text.contains("DEMO-"), "the extern id is shown");
    let out = respijt(&db, &["caregivers", "list", "--all", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["items"].as_array().map(Vec::len), Some(230));
    assert_eq!((json["total"].as_u64(), json["totalAtLeast"].as_bool()), (Some(230), Some(false)));
    let lines = String::from_utf8_lossy(&respijt(&db, &["caregivers", "list", "--all"]).stdout).lines().count();
    assert_eq!(lines, 230);

    let all = dir.path().join("uit");
    let out = respijt(&db, &["export", "register", "--out", all.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("mantelzorgers.csv") && said.contains("230 regels"), "{said}");
    let one = dir.path().join("inzage");
    let extern_id = json["items"][0]["externId"].as_str().unwrap();
    let out = respijt(&db, &["export", "register", "--out", one.to_str().unwrap(), "--caregiver", extern_id, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(made["caregiverId"], json["items"][0]["id"]);
    let csv = std::fs::read_to_string(one.join("mantelzorgers.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2, "a header and the one person");
    assert!(csv.contains(extern_id));
    let out = respijt(&db, &["export", "register", "--out", one.to_str().unwrap(), "--caregiver", "GEEN-ID"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("GEEN-ID"));
}

/// A statement with an impossible date is refused whole, naming the row and
/// the column; a good one finds a caregiver by her dossier number and says so.
#[test]
#[allow(clippy::disallowed_methods)] // the CLI reads the real clock: so does this test
fn a_statement_with_an_impossible_date_is_refused_and_a_dossier_number_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let people = dir.path().join("m.csv");
    std::fs::write(&people, format!("{}\n{}", common::HEADER, common::row(1))).unwrap();
    assert!(respijt(&db, &["import", "caregivers", people.to_str().unwrap()]).status.success());
    let day = (chrono::Local::now().date_naive() - chrono::Days::new(10)).format("%d-%m-%Y").to_string();
    let header = "extern_id;dossiernummer;aanbieder_id;dienst;datum;start;eind;status";
    let bad = dir.path().join("fout.csv");
    std::fs::write(
        &bad,
        format!("{header}\nS1;1;zorgmies;thuis;{day};09:00;12:00;uitgevoerd\nS2;1;zorgmies;thuis;12-03-2035;09:00;12:00;uitgevoerd\n"),
    )
    .unwrap();
    let out = respijt(&db, &["import", "sessions", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Rij 2, kolom datum: De datum 12-03-2035 ligt na vandaag"), "{stderr}");
    assert!(stderr.contains("Niets ingelezen"), "{stderr}");

    let good = dir.path().join("goed.csv");
    std::fs::write(&good, format!("{header}\nS1;1;zorgmies;thuis;{day};09:00;12:00;uitgevoerd\n")).unwrap();
    let out = respijt(&db, &["import", "sessions", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("op dossiernummer: 1"), "{stdout}");
    assert!(stdout.contains("rij 1: Voornaam1 Achternaam1 (dossiernummer 1), op dossiernummer"), "{stdout}");
}

#[test]
fn schemes_are_imported_listed_and_archived_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let header = "code;naam;verzekeraars;polis_van;aanvullend_nodig;eenheid;plafond;uren_per_dag;vormen;uitsluiten;geldig_vanaf;geldig_tot;prioriteit";
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("{header}\nVGZ;VGZ 2027;Onbekende Verzekeraar;mantelzorger;ja;dagen;10;;thuis;;01-01-2027;;1\n"),
    )
    .unwrap();
    let out = respijt(&db, &["import", "schemes", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "a refused row: exit 3");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Rij 1, kolom verzekeraars"));

    let good = dir.path().join("good.csv");
    std::fs::write(&good, format!("{header}\nVGZ;VGZ 2027;VGZ;mantelzorger;ja;dagen;10;;thuis;;01-01-2027;;1\n"))
        .unwrap();
    let out = respijt(&db, &["import", "schemes", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = String::from_utf8_lossy(&respijt(&db, &["funding", "scheme", "list"]).stdout).to_string();
    assert!(list.contains("t/m 31-12-2026") && list.contains("01-01-2027 t/m -"), "two VGZ versions:\n{list}");

    let out = respijt(&db, &["funding", "scheme", "archive", "vgz"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = String::from_utf8_lossy(&respijt(&db, &["funding", "scheme", "list"]).stdout).to_string();
    assert!(list.lines().filter(|l| l.starts_with("VGZ")).all(|l| l.contains("gearchiveerd")), "{list}");
    let out = respijt(&db, &["funding", "scheme", "archive", "XYZ"]);
    assert_eq!(out.status.code(), Some(1), "an unknown code is refused");
}
