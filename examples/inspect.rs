use undertow::bots::Policy;
use undertow::session::Session;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let text = std::fs::read_to_string(path).unwrap();
    let sc = undertow::scenario::parse_scenario(path, &text).unwrap();
    let cat = ron::from_str(include_str!("../assets/actions.ron")).unwrap();
    let seed = sc.seed;
    let mut s = Session::start(path, &text, sc, cat, seed, None).unwrap();
    let policy = match args.get(3).map(|s| s.as_str()) {
        Some("passive") => Policy::Passive,
        Some("coop") => Policy::Cooperative,
        Some("siloed") => Policy::Siloed,
        _ => Policy::Baseline,
    };
    while !s.finished() {
        for t in 0..s.setup().teams.len() {
            let o = s.bot_orders(t, policy);
            s.set_orders(t, o);
        }
        s.commit().unwrap();
    }
    let team: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(0);
    let v = s.view(team);
    println!(
        "{} persons, {} links, {} groups",
        v.persons.len(),
        v.links.len(),
        v.groups.len()
    );
    for m in v.messages.iter().rev() {
        println!("T{} {:?} {}", m.turn, m.kind, m.text);
    }
    for p in &v.persons {
        println!(
            "{} {:?} ev {} adm {} status {:?} held {}",
            p.name, p.role, p.evidence, p.admissible, p.status, p.held
        );
    }
    println!(
        "{}",
        serde_json::to_string(&s.outcomes().last().unwrap().metrics.metrics).unwrap()
    );
    let mut counts = std::collections::BTreeMap::new();
    for g in &s.snapshot().groups {
        *counts
            .entry(format!("{:?} {}", g.status, s.setup().routes[g.route].id))
            .or_insert(0u32) += g.size - g.lost;
    }
    println!("{counts:?} groups={}", s.snapshot().groups.len());
}
