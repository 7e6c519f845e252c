//! The deterministic turn engine: a bevy_ecs world and one schedule per turn,
//! systems chained in the phase order of the exercise. No terminal, no
//! sockets, no files, no clock.

pub mod breach;
pub mod calendar;
pub mod events;
pub mod knowledge;
pub mod metrics;
pub mod orders;
pub mod rng;
pub mod rules;
pub mod setup;
pub mod state;
pub mod systems;

use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings, SingleThreadedExecutor};
use serde::{Deserialize, Serialize};

use crate::scenario::PlaceKind;
use knowledge::{ActorIntel, Channel, Evidence, Knowledge, Source, TeamKnowledge};
use metrics::{Capability, Tally, TurnMetrics, turn_metrics};
use orders::TurnInput;
use rng::Seed;
use setup::{ActorIx, PlaceIx, RouteIx, Setup, TeamIx};
use state::*;
use systems::Roster;

/// The input of the turn being played, for the systems that read orders.
#[derive(Resource, Debug, Clone, Default)]
pub struct PendingInput(pub TurnInput);

/// The phases of a turn, in the order they run.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    TakeOrders,
    ResolveActions,
    Cooperation,
    NetworkTurn,
    MigrantMovement,
    Signals,
    Injects,
    Courts,
    Metrics,
}

/// Every piece of state a turn can change, in a canonical order: what the
/// journal's snapshots hold and what the state hash covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub turn: u32,
    pub actors: Vec<ActorState>,
    pub groups: Vec<Group>,
    pub operations: Vec<Operation>,
    pub teams: Teams,
    pub knowledge: Knowledge,
    pub network: Network,
    pub conditions: Conditions,
    pub cooperation: Cooperation,
    pub courts: Courts,
    pub injects: InjectLog,
    pub tally: Tally,
    pub capability: Capability,
}

/// The parts of the state a team's view is built from, borrowed: from a
/// [`Snapshot`], or straight from the engine's world without copying it.
pub struct ViewState<'a> {
    pub turn: u32,
    pub knowledge: &'a Knowledge,
    pub network: &'a Network,
    /// In order of `seq`.
    pub groups: Vec<&'a Group>,
    pub operations: Vec<&'a Operation>,
    pub cooperation: &'a Cooperation,
}

impl<'a> ViewState<'a> {
    /// What a snapshot holds for the views.
    pub fn of(snap: &'a Snapshot) -> ViewState<'a> {
        ViewState {
            turn: snap.turn,
            knowledge: &snap.knowledge,
            network: &snap.network,
            groups: snap.groups.iter().collect(),
            operations: snap.operations.iter().collect(),
            cooperation: &snap.cooperation,
        }
    }
}

/// What one committed turn produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnOutcome {
    pub turn: u32,
    pub state_hash: String,
    #[serde(flatten)]
    pub metrics: TurnMetrics,
}

/// A schedule that cannot be built: conflicting systems left unordered.
#[derive(Debug, thiserror::Error)]
#[error("the turn schedule cannot be built: {0}")]
pub struct ScheduleError(String);

/// The exercise world and its turn schedule.
pub struct Engine {
    world: World,
    schedule: Schedule,
}

fn build_schedule(shuffle: Option<u64>) -> Schedule {
    use systems::*;
    let mut schedule = Schedule::default();
    schedule.set_executor(SingleThreadedExecutor::new());
    #[allow(unused_mut)]
    let mut settings = ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..Default::default()
    };
    #[cfg(feature = "schedule-shuffle")]
    {
        settings.shuffle_seed = shuffle;
    }
    #[cfg(not(feature = "schedule-shuffle"))]
    let _ = shuffle;
    schedule.set_build_settings(settings);
    schedule.configure_sets(
        (
            Phase::TakeOrders,
            Phase::ResolveActions,
            Phase::Cooperation,
            Phase::NetworkTurn,
            Phase::MigrantMovement,
            Phase::Signals,
            Phase::Injects,
            Phase::Courts,
            Phase::Metrics,
        )
            .chain(),
    );
    // Systems that share data are ordered explicitly; ambiguity detection
    // proves the unordered rest independent.
    schedule.add_systems(
        (
            orders::refresh_budgets,
            orders::take_orders,
            orders::deliver_liaison,
        )
            .chain()
            .in_set(Phase::TakeOrders),
    );
    schedule.add_systems(
        (
            investigate::resolve_investigations,
            arrest::resolve_arrests,
            maritime::resolve_maritime,
            premises::resolve_raids,
            inspections::resolve_inspections,
            delivery::resolve_controlled_deliveries,
            victims::resolve_victim_care,
            victims::hear_witnesses,
            courts::hear_cases,
        )
            .chain()
            .in_set(Phase::ResolveActions),
    );
    schedule.add_systems(
        (
            cooperation::deliver_cooperation,
            cooperation::answer_mla_requests,
            cooperation::answer_fiu_requests,
            cooperation::exchange_in_joint_teams,
            cooperation::count_joint_action_days,
        )
            .chain()
            .in_set(Phase::Cooperation),
    );
    schedule.add_systems(
        (
            network::warn_network,
            network::replace_members,
            network::insulate_organisers,
            network::recruit_groups,
        )
            .chain()
            .in_set(Phase::NetworkTurn),
    );
    schedule.add_systems(
        (migrants::move_groups, migrants::process_held_groups)
            .chain()
            .in_set(Phase::MigrantMovement),
    );
    schedule.add_systems(signals::give_off_signals.in_set(Phase::Signals));
    schedule.add_systems(injects::fire_injects.in_set(Phase::Injects));
    schedule.add_systems(courts::deliver_verdicts.in_set(Phase::Courts));
    schedule.add_systems(
        (
            measure::measure_capability,
            measure::clear_finished_operations,
        )
            .in_set(Phase::Metrics),
    );
    schedule
}

fn initial_knowledge(setup: &Setup) -> Knowledge {
    let mut all = Vec::with_capacity(setup.teams.len());
    for team in &setup.teams {
        let mut k = TeamKnowledge::default();
        // The map of the team's own country, but for the network's safe
        // houses: those are found by investigation or a report.
        // Port records name the vessels that put into its ports, whatever
        // flag they fly.
        for (p, place) in setup.places.iter().enumerate() {
            let calls_here = place
                .calls_at
                .iter()
                .any(|&port| setup.places[port].country == Some(team.country));
            if (place.country == Some(team.country) && place.kind != PlaceKind::SafeHouse)
                || calls_here
            {
                k.places.insert(PlaceIx(p));
            }
        }
        // A route the network has not opened is no one's to know yet.
        for (r, route) in setup
            .routes
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.candidate)
        {
            let touches = route.legs.iter().any(|l| {
                setup.places[l.from].country == Some(team.country)
                    || setup.places[l.to].country == Some(team.country)
            });
            if touches {
                k.routes.insert(RouteIx(r));
                for l in &route.legs {
                    k.places.insert(l.from);
                    k.places.insert(l.to);
                }
            }
        }
        for &lead in &team.leads {
            let a = &setup.actors[lead];
            k.learn_actor(
                lead,
                ActorIntel {
                    identified: true,
                    role: Some(a.role),
                    country: Some(a.country),
                    place: None,
                    status: Some(ActorStatus::Active),
                    held: false,
                    confidence: 60,
                    source: Source::Briefing,
                    first_turn: 0,
                    last_turn: 0,
                },
            );
            k.add_evidence(
                lead,
                Evidence {
                    strength: 1,
                    channel: Channel::Domestic,
                    jurisdiction: team.country,
                    source: Source::Briefing,
                    turn: 0,
                },
            );
        }
        all.push(k);
    }
    Knowledge(all)
}

impl Engine {
    /// A world at the start of the exercise.
    pub fn new(setup: Setup, seed: u64) -> Result<Engine, ScheduleError> {
        Engine::with_shuffle(setup, seed, None)
    }

    /// A world whose schedule runs unordered systems in an order drawn from
    /// `shuffle` (with the `schedule-shuffle` feature), to prove it does not matter.
    pub fn with_shuffle(
        setup: Setup,
        seed: u64,
        shuffle: Option<u64>,
    ) -> Result<Engine, ScheduleError> {
        let snapshot = Engine::initial_snapshot(&setup);
        Engine::restore_with(setup, seed, snapshot, shuffle)
    }

    /// The state at turn 0.
    pub fn initial_snapshot(setup: &Setup) -> Snapshot {
        let actors: Vec<ActorState> = setup
            .actors
            .iter()
            .map(|a| ActorState::new(a.reserve))
            .collect();
        let groups: Vec<Group> = setup
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| Group {
                vulnerability: g.vulnerability,
                indicators: g.indicators.clone(),
                exploitation: (!g.indicators.is_empty()).then(|| {
                    g.exploitation
                        .unwrap_or(crate::scenario::Exploitation::Labour)
                }),
                ..Group::recruited(i as u32, g.id.clone(), g.size, g.route, g.depart_turn)
            })
            .collect();
        let network = Network {
            ties: setup
                .ties
                .iter()
                .map(|list| {
                    list.iter()
                        .map(|t| LiveTie {
                            other: t.other,
                            kind: t.kind,
                            strength: t.strength,
                        })
                        .collect()
                })
                .collect(),
            route_pressure: vec![0; setup.routes.len()],
            route_risk: vec![0; setup.routes.len()],
            moved_by_route: vec![0; setup.routes.len()],
            route_closed_until: vec![0; setup.routes.len()],
            tip_offs: Vec::new(),
            seized: vec![false; setup.assets.len()],
            prevention_until: Vec::new(),
            groups_created: groups.len() as u32,
            at_risk: Vec::new(),
            corruption_cut: Default::default(),
            law_changes: Vec::new(),
            flag_changes: Vec::new(),
            stayed_home: 0,
            opened_on: Default::default(),
        };
        let start = systems::measure::capability_of(setup, |i| actors.get(i).cloned(), &network);
        Snapshot {
            turn: 0,
            actors,
            groups,
            operations: Vec::new(),
            teams: Teams::default(),
            knowledge: initial_knowledge(setup),
            network,
            conditions: Conditions::default(),
            cooperation: Cooperation::default(),
            courts: Courts::default(),
            injects: InjectLog {
                fired: vec![None; setup.scenario.injects.len()],
            },
            tally: Tally {
                total: Default::default(),
                teams: vec![Default::default(); setup.teams.len()],
            },
            capability: Capability { start, now: start },
        }
    }

    /// Rebuild a world from a snapshot.
    pub fn restore(setup: Setup, seed: u64, snapshot: Snapshot) -> Result<Engine, ScheduleError> {
        Engine::restore_with(setup, seed, snapshot, None)
    }

    fn restore_with(
        setup: Setup,
        seed: u64,
        s: Snapshot,
        shuffle: Option<u64>,
    ) -> Result<Engine, ScheduleError> {
        let mut setup = setup;
        // The rules read the law from the setup: the law in force then.
        setup.amend(s.network.amendments());
        let mut world = World::new();
        let roster: Vec<Entity> = s
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| world.spawn((ActorId(ActorIx(i)), a.clone())).id())
            .collect();
        for g in s.groups {
            world.spawn(g);
        }
        for op in s.operations {
            world.spawn(op);
        }
        world.insert_resource(Roster(roster));
        world.insert_resource(Clock { turn: s.turn });
        world.insert_resource(Seed(seed));
        world.insert_resource(rules::Handles::Seeded(seed));
        world.insert_resource(PendingInput::default());
        world.insert_resource(s.teams);
        let mut knowledge = s.knowledge;
        for k in knowledge.0.iter_mut() {
            k.render_messages(&setup);
        }
        world.insert_resource(knowledge);
        world.insert_resource(s.network);
        world.insert_resource(s.conditions);
        world.insert_resource(s.cooperation);
        world.insert_resource(s.courts);
        world.insert_resource(s.injects);
        world.insert_resource(s.tally);
        world.insert_resource(s.capability);
        world.insert_resource(setup);
        let mut schedule = build_schedule(shuffle);
        if let Err(e) = schedule.initialize(&mut world) {
            let graph = schedule.graph();
            return Err(ScheduleError(e.to_string(graph, &world)));
        }
        Ok(Engine { world, schedule })
    }

    /// The world itself, for tests of one system at a time.
    #[cfg(test)]
    pub(crate) fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// The fixed facts of the exercise.
    pub fn setup(&self) -> &Setup {
        self.world.resource::<Setup>()
    }

    /// The exercise seed.
    pub fn seed(&self) -> u64 {
        self.world.resource::<Seed>().0
    }

    /// How the teams' files name the persons they have not identified.
    pub fn handles(&self) -> rules::Handles {
        *self.world.resource::<rules::Handles>()
    }

    /// Name unidentified persons with these handles from now on (a
    /// presentation only: no state hash changes with it).
    pub fn set_handles(&mut self, handles: rules::Handles) {
        self.world.insert_resource(handles);
    }

    /// The last committed turn (0 before the first).
    pub fn turn(&self) -> u32 {
        self.world.resource::<Clock>().turn
    }

    /// Play one turn with these orders and return what it produced.
    pub fn step(&mut self, input: TurnInput) -> TurnOutcome {
        self.advance(input);
        self.outcome()
    }

    /// Play one turn as [`Engine::step`] does, without hashing the state
    /// after it: for a caller that reads only the last turn's outcome (a
    /// sweep), the hash is a tenth of a turn's cost.
    pub fn advance(&mut self, mut input: TurnInput) {
        let setup = self.world.resource::<Setup>();
        let rank = |id: &str| setup.team(id).map_or(usize::MAX, TeamIx::index);
        input.canonicalise(rank);
        self.world.resource_mut::<Clock>().turn += 1;
        self.world.insert_resource(PendingInput(input));
        self.schedule.run(&mut self.world);
        self.world.insert_resource(PendingInput::default());
    }

    /// The outcome line of the last committed turn.
    pub fn outcome(&mut self) -> TurnOutcome {
        let setup = self.world.resource::<Setup>();
        let team_ids: Vec<String> = setup.teams.iter().map(|t| t.id.clone()).collect();
        let metrics = turn_metrics(
            self.world.resource::<Tally>(),
            self.world.resource::<Capability>(),
            &setup.scenario.scoring,
            &team_ids,
        );
        TurnOutcome {
            turn: self.turn(),
            state_hash: self.state_hash(),
            metrics,
        }
    }

    /// What the team views read of the state, borrowed from the world: a
    /// bot's view each turn without a copy of the whole state.
    pub fn view_state(&mut self) -> (&Setup, ViewState<'_>) {
        let mut group_q = self.world.query::<&Group>();
        let mut op_q = self.world.query::<&Operation>();
        let w = &self.world;
        let (groups, operations) = in_canonical_order(w, &mut group_q, &mut op_q);
        let view = ViewState {
            turn: w.resource::<Clock>().turn,
            knowledge: w.resource::<Knowledge>(),
            network: w.resource::<Network>(),
            groups,
            operations,
            cooperation: w.resource::<Cooperation>(),
        };
        (w.resource::<Setup>(), view)
    }

    /// The canonical state, as the journal stores it.
    pub fn snapshot(&mut self) -> Snapshot {
        self.state_ref().to_snapshot()
    }

    /// The blake3 hash of the canonical state, in hex: the hash of
    /// `self.snapshot()`, streamed from the world without cloning it (at
    /// 10,000 actors the clone cost as much as the rest of the turn).
    pub fn state_hash(&mut self) -> String {
        hash_canonical(&self.state_ref())
    }

    /// The canonical state borrowed from the world, in canonical order.
    fn state_ref(&mut self) -> StateRef<'_> {
        let mut actor_q = self.world.query::<(&ActorId, &ActorState)>();
        let mut group_q = self.world.query::<&Group>();
        let mut op_q = self.world.query::<&Operation>();
        let w = &self.world;
        let mut actors: Vec<(ActorIx, &ActorState)> =
            actor_q.iter(w).map(|(i, s)| (i.0, s)).collect();
        actors.sort_by_key(|(i, _)| *i);
        let (groups, operations) = in_canonical_order(w, &mut group_q, &mut op_q);
        StateRef {
            turn: w.resource::<Clock>().turn,
            actors: actors.into_iter().map(|(_, s)| s).collect(),
            groups,
            operations,
            teams: w.resource::<Teams>(),
            knowledge: HashedKnowledge(w.resource::<Knowledge>()),
            network: w.resource::<Network>(),
            conditions: w.resource::<Conditions>(),
            cooperation: w.resource::<Cooperation>(),
            courts: w.resource::<Courts>(),
            injects: w.resource::<InjectLog>(),
            tally: w.resource::<Tally>(),
            capability: w.resource::<Capability>(),
        }
    }
}

/// The world's groups and operations in the order the state hash and the
/// views read them: groups by `seq`, operations as they were ordered.
fn in_canonical_order<'w>(
    w: &'w World,
    group_q: &mut QueryState<&Group>,
    op_q: &mut QueryState<&Operation>,
) -> (Vec<&'w Group>, Vec<&'w Operation>) {
    let mut groups: Vec<&Group> = group_q.iter(w).collect();
    groups.sort_by_key(|g| g.seq);
    let mut operations: Vec<&Operation> = op_q.iter(w).collect();
    operations.sort_by_key(|o| (o.ordered, o.seq, o.team));
    (groups, operations)
}

/// The canonical state borrowed from the world: the fields of [`Snapshot`]
/// in the same order, so it serialises to the same bytes (postcard writes
/// no names) and hashes the same without a copy of the world.
#[derive(Serialize)]
struct StateRef<'w> {
    turn: u32,
    actors: Vec<&'w ActorState>,
    groups: Vec<&'w Group>,
    operations: Vec<&'w Operation>,
    teams: &'w Teams,
    knowledge: HashedKnowledge<'w>,
    network: &'w Network,
    conditions: &'w Conditions,
    cooperation: &'w Cooperation,
    courts: &'w Courts,
    injects: &'w InjectLog,
    tally: &'w Tally,
    capability: &'w Capability,
}

impl StateRef<'_> {
    /// An owned copy; every field of `Snapshot` must come from here, so the
    /// two cannot drift apart without a compile error.
    fn to_snapshot(&self) -> Snapshot {
        Snapshot {
            turn: self.turn,
            actors: self.actors.iter().map(|&a| a.clone()).collect(),
            groups: self.groups.iter().map(|&g| g.clone()).collect(),
            operations: self.operations.iter().map(|&o| o.clone()).collect(),
            teams: self.teams.clone(),
            knowledge: self.knowledge.0.clone(),
            network: self.network.clone(),
            conditions: self.conditions.clone(),
            cooperation: self.cooperation.clone(),
            courts: self.courts.clone(),
            injects: self.injects.clone(),
            tally: self.tally.clone(),
            capability: *self.capability,
        }
    }
}

/// The blake3 hash of a snapshot's canonical encoding, in hex: the same as
/// the engine's hash of the state the snapshot holds.
pub fn hash_snapshot(snapshot: &Snapshot, setup: &Setup) -> String {
    let mut knowledge = snapshot.knowledge.clone();
    for k in knowledge.0.iter_mut() {
        k.render_messages(setup);
    }
    let s = snapshot;
    hash_canonical(&StateRef {
        turn: s.turn,
        actors: s.actors.iter().collect(),
        groups: s.groups.iter().collect(),
        operations: s.operations.iter().collect(),
        teams: &s.teams,
        knowledge: HashedKnowledge(&knowledge),
        network: &s.network,
        conditions: &s.conditions,
        cooperation: &s.cooperation,
        courts: &s.courts,
        injects: &s.injects,
        tally: &s.tally,
        capability: &s.capability,
    })
}

/// Every team's knowledge as the state hash covers it: each message by the
/// words the team read (turn, kind, text), in the field order of
/// [`TeamKnowledge`], so postcard writes the bytes a derived encoding of
/// those words would.
struct HashedKnowledge<'w>(&'w Knowledge);

impl Serialize for HashedKnowledge<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.0.len()))?;
        for team in &self.0.0 {
            seq.serialize_element(&HashedTeam(team))?;
        }
        seq.end()
    }
}

struct HashedTeam<'w>(&'w TeamKnowledge);

impl Serialize for HashedTeam<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Destructured so that a new field is a compile error here, not a
        // field the hash silently misses.
        let TeamKnowledge {
            actors,
            ties,
            evidence,
            groups,
            places,
            routes,
            assets,
            messages,
            shared,
            crossings,
            acquitted,
        } = self.0;
        let words: Vec<(u32, knowledge::MessageKind, &str)> = messages
            .iter()
            .map(|m| (m.turn, m.kind(), m.text()))
            .collect();
        let mut st = s.serialize_struct("TeamKnowledge", 11)?;
        st.serialize_field("actors", actors)?;
        st.serialize_field("ties", ties)?;
        st.serialize_field("evidence", evidence)?;
        st.serialize_field("groups", groups)?;
        st.serialize_field("places", places)?;
        st.serialize_field("routes", routes)?;
        st.serialize_field("assets", assets)?;
        st.serialize_field("messages", &words)?;
        st.serialize_field("shared", shared)?;
        st.serialize_field("crossings", crossings)?;
        st.serialize_field("acquitted", acquitted)?;
        st.end()
    }
}

/// What a state hash reads when the state could not be encoded, before the reason.
pub const UNHASHABLE: &str = "unhashable state: ";

/// The blake3 hash of a value's postcard encoding, in hex.
///
/// Encoding the state cannot fail today: the sink takes every byte, and
/// every sequence and map in it has a known length. Should a type's
/// `Serialize` ever fail, the result is [`UNHASHABLE`] and the reason rather
/// than a digest: it is not hex, so it equals no recorded hash, and verify,
/// replay and diff stop at that turn and print why.
fn hash_canonical<T: Serialize>(value: &T) -> String {
    let sink = HashSink {
        hasher: blake3::Hasher::new(),
        block: Vec::with_capacity(HashSink::BLOCK),
    };
    match postcard::serialize_with_flavor(value, sink) {
        Ok(hash) => hash.to_hex().to_string(),
        Err(e) => format!("{UNHASHABLE}{e}"),
    }
}

/// A postcard output that feeds blake3 in large blocks: postcard writes a
/// byte or two at a time, blake3 is many times faster fed whole blocks, and
/// its hash does not depend on how the input is split.
struct HashSink {
    hasher: blake3::Hasher,
    block: Vec<u8>,
}

impl HashSink {
    const BLOCK: usize = 64 * 1024;

    fn spill(&mut self) {
        if self.block.len() >= Self::BLOCK {
            self.hasher.update(&self.block);
            self.block.clear();
        }
    }
}

impl postcard::ser_flavors::Flavor for HashSink {
    type Output = blake3::Hash;

    fn try_push(&mut self, byte: u8) -> postcard::Result<()> {
        self.block.push(byte);
        self.spill();
        Ok(())
    }

    fn try_extend(&mut self, bytes: &[u8]) -> postcard::Result<()> {
        // Most writes are varints of a few bytes: pushing them beats a call to memcpy.
        if bytes.len() <= 10 {
            for &b in bytes {
                self.block.push(b);
            }
        } else {
            self.block.extend_from_slice(bytes);
        }
        self.spill();
        Ok(())
    }

    fn finalize(mut self) -> postcard::Result<blake3::Hash> {
        self.hasher.update(&self.block);
        Ok(self.hasher.finalize())
    }
}

#[cfg(test)]
mod hash_tests {
    use super::*;

    /// A value whose encoding always fails, as a buggy `Serialize` would.
    struct Unencodable;

    impl Serialize for Unencodable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("no encoding"))
        }
    }

    #[test]
    fn a_failed_encoding_is_named_never_hashed_as_empty() {
        let h = hash_canonical(&Unencodable);
        assert!(h.starts_with(UNHASHABLE), "{h}");
        assert_ne!(h, blake3::hash(b"").to_hex().to_string());
    }

    #[test]
    fn the_streamed_hash_is_the_hash_of_the_encoding() {
        // Larger than one block of the sink, so spilling is exercised.
        let value: Vec<u64> = (0..20_000).collect();
        let bytes = postcard::to_stdvec(&value).unwrap();
        assert_eq!(
            hash_canonical(&value),
            blake3::hash(&bytes).to_hex().to_string()
        );
    }
}
