use super::*;

#[test]
fn every_command_has_one_name() {
    let mut names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Command::ALL.len(), "two commands share a name");
    assert_eq!(Command::from_name("search_caregivers"), Some(Command::search_caregivers));
    assert_eq!(Command::from_name("zoek"), None);
}

#[test]
fn names_become_camel_case() {
    assert_eq!(typescript::camel("caregiver_id"), "caregiverId");
    assert_eq!(typescript::camel("export_handover_to_file"), "exportHandoverToFile");
    assert_eq!(typescript::camel("id"), "id");
}

#[test]
fn the_module_types_every_argument_and_result() {
    let ts = typescript();
    assert!(
        ts.contains("export function searchCaregivers(options: SearchOptions): Promise<SearchResult> {\n  return invoke('search_caregivers', { options });"),
        "{ts}"
    );
    assert!(ts.contains(
        "export function setLegalHold(caregiverId: number, reason: string | null): Promise<DossierRetention>"
    ));
    assert!(ts.contains("export function storeStatus(): Promise<StoreStatus> {\n  return invoke('store_status');"));
    assert!(ts.contains("import type { SearchOptions } from './SearchOptions';"));
    assert!(ts.contains("import type { ProviderMatch } from './ProviderMatch';"), "Vec<T> imports T");
    assert_eq!(ts.matches("export function ").count(), Command::ALL.len());
}

/// Writes `commands.ts` beside the ts-rs bindings (`TS_RS_EXPORT_DIR`); the
/// bindings check (`make bindings-check`) fails when the committed file differs.
#[test]
fn export_commands_module() {
    let cfg = ts_rs::Config::from_env();
    let path = cfg.out_dir().join("commands.ts");
    let text = typescript();
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::create_dir_all(cfg.out_dir()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
}
