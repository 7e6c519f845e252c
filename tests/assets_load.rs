//! Every shipped asset deserialises.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

#[test]
fn action_catalogue_parses() {
    let text = include_str!("../assets/actions.ron");
    let catalog: undertow::scenario::Catalog = ron::from_str(text).expect("catalogue parses");
    assert!(catalog.actions.len() >= 20);
}
