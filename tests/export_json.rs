//! The JSON export: the reviewed snapshot and a round trip through serde.

mod common;

use common::fixture::*;
use std::collections::HashMap;
use tafel::domain::{Lang, StakeholderGroup};
use tafel::export::json;
use tafel::store::Store;

/// Replaces every UUID by `id-N` in order of first appearance.
fn normalise_ids(s: &str) -> String {
    let is_uuid = |w: &[u8]| {
        w.len() == 36
            && w.iter().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
    };
    let bytes = s.as_bytes();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            let id = &s[i..i + 36];
            let n = seen.len() + 1;
            let n = *seen.entry(id).or_insert(n);
            out.push_str(&format!("id-{n}"));
            i += 36;
        } else {
            let c = s[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[test]
fn json_snapshot() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let t = "2025-11-20T12:00:00.000Z";
    for table in ["session", "thematic_table", "participant", "note", "rating"] {
        store
            .connection()
            .execute(
                &format!("UPDATE {table} SET created_at = ?1, updated_at = ?1"),
                [t],
            )
            .unwrap();
    }
    let session = store.session(&session.id).unwrap();
    let out = String::from_utf8(json_bytes(&store, &session, false)).unwrap();
    insta::assert_snapshot!("json", normalise_ids(&out));
}

#[test]
fn json_round_trips_through_serde() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    for anon in [false, true] {
        let bytes = json_bytes(&store, &session, anon);
        let doc: json::Document = serde_json::from_slice(&bytes).unwrap();
        let expected = json::document(&store, &session, anon).unwrap();
        assert_eq!(doc, expected);
        // The streamed bytes are exactly serde's view of the struct.
        let streamed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(streamed, serde_json::to_value(&expected).unwrap());
        assert_eq!(doc.schema, "tafel-export/2");
        assert_eq!(doc.anonymized, anon);
        assert_eq!(doc.notes.len(), 10);
        assert_eq!(doc.tables.len(), 3);
        assert_eq!(doc.participants.len(), 3);
        assert_eq!(doc.items.len(), 23);
        assert_eq!(doc.dimensions.len(), 7);
        assert_eq!(doc.ratings.len(), 2);
        let names: Vec<Option<&str>> = doc.participants.iter().map(|p| p.name.as_deref()).collect();
        if anon {
            assert!(
                doc.participants
                    .iter()
                    .all(|p| p.name.is_none() && p.organisation.is_none())
            );
            assert!(!String::from_utf8_lossy(&bytes).contains("Anouk"));
        } else {
            assert_eq!(names, [Some("Anouk de Vries"), None, Some("Lotte Jansen")]);
        }
        // The note of the deleted participant keeps its group, not the link.
        let cost = doc
            .notes
            .iter()
            .find(|n| n.text.starts_with("Kosten"))
            .unwrap();
        assert_eq!(cost.participant_id, None);
        assert_eq!(cost.group, Some(StakeholderGroup::Bedrijfsleven));
        // In number order.
        assert!(doc.notes.windows(2).all(|w| w[0].number < w[1].number));
    }
}
