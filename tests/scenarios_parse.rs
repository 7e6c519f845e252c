//! The example in `docs/SCENARIO.md` is a complete scenario that validates.
//! (Every file under `scenarios/` and `assets/` is validated in `tests/check.rs`.)

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

fn first_ron_block(doc: &str) -> Option<&str> {
    let start = doc.find("```ron\n")? + "```ron\n".len();
    let len = doc[start..].find("```")?;
    Some(&doc[start..start + len])
}

#[test]
fn the_documented_example_validates() {
    let doc = std::fs::read_to_string("docs/SCENARIO.md").expect("docs/SCENARIO.md reads");
    let block = first_ron_block(&doc).expect("docs/SCENARIO.md has a ```ron block");
    let scenario = undertow::scenario::load_scenario("docs/SCENARIO.md example", block)
        .unwrap_or_else(|d| panic!("{}", undertow::scenario::render_all(&d, Some(block))));
    assert!(!scenario.actors.is_empty() && !scenario.teams.is_empty());
}
