//! A small world for testing one system at a time: the mini scenario of the
//! integration tests, with odds a test may fix, orders placed directly as
//! operations, and one system run on its own.
//!
//! Every roll is keyed by the mini seed, so a test is repeatable. Where a
//! rule clamps its odds short of certainty (investigations at 95%, verdicts
//! between 10% and 95%, rescues at 85%), a test either plays a turn whose
//! roll goes the likely way and says so, or counts outcomes over many turns.

use bevy_ecs::prelude::*;
use bevy_ecs::system::RunSystemOnce;

use crate::engine::Engine;
use crate::engine::events::Event;
use crate::engine::knowledge::{Knowledge, TeamKnowledge};
use crate::engine::setup::{ActorIx, CountryIx, PlaceInfo, PlaceIx, Setup, TeamIx};
use crate::engine::state::{ActorId, ActorState, Clock, Group, Operation, TargetRef};
use crate::scenario::{ActionKind, PlaceKind};

const MINI: &str = include_str!("../../../tests/fixtures/engine/mini.ron");

/// A world built from the mini scenario.
pub(crate) struct Bench {
    engine: Engine,
}

impl Bench {
    /// The mini world at turn 0, every action as the catalogue has it.
    pub(crate) fn mini() -> Bench {
        Bench::mini_with(|_| {})
    }

    /// The mini world, after `tune` has changed its fixed facts (odds, law).
    pub(crate) fn mini_with(tune: impl FnOnce(&mut Setup)) -> Bench {
        let scenario = crate::scenario::parse_scenario("mini.ron", MINI).expect("mini parses");
        let catalog =
            crate::scenario::resolve_catalog(&crate::scenario::default_catalog(), &scenario);
        let mut setup = Setup::new(scenario, catalog).expect("mini indexes");
        tune(&mut setup);
        let seed = setup.scenario.seed;
        Bench {
            engine: Engine::new(setup, seed).expect("the schedule builds"),
        }
    }

    /// The mini keeper's premises: a new place of this kind in `country`,
    /// where the keeper lives or works.
    pub(crate) fn keeper_premises(
        setup: &mut Setup,
        (id, name): (&str, &str),
        country: &str,
        kind: PlaceKind,
    ) {
        let country = setup.countries.iter().position(|c| c.id == country);
        setup.places.push(PlaceInfo {
            id: id.into(),
            name: name.into(),
            country: country.map(CountryIx),
            kind,
            calls_at: Vec::new(),
        });
        let place = setup.places.len() - 1;
        let keeper = setup.actor("keeper").expect("the mini keeper");
        setup.actors[keeper].place = Some(PlaceIx(place));
    }

    /// Every action of this kind always succeeds (`100`) or always fails (`0`).
    pub(crate) fn odds(setup: &mut Setup, kind: ActionKind, percent: u32) {
        for def in setup.catalog.actions.iter_mut().filter(|d| d.kind == kind) {
            def.success = percent;
        }
    }

    /// The engine, for a snapshot of the whole state.
    pub(crate) fn engine(&mut self) -> &mut Engine {
        &mut self.engine
    }

    pub(crate) fn setup(&self) -> &Setup {
        self.engine.setup()
    }

    pub(crate) fn team(&self, id: &str) -> TeamIx {
        self.setup().team(id).expect("a mini team")
    }

    pub(crate) fn actor(&self, id: &str) -> ActorIx {
        self.setup().actor(id).expect("a mini actor")
    }

    fn world(&mut self) -> &mut World {
        self.engine.world_mut()
    }

    /// The turn now being played.
    pub(crate) fn turn(&mut self) -> u32 {
        self.world().resource::<Clock>().turn
    }

    /// Start the next turn: the clock moves on, nothing else runs.
    pub(crate) fn next_turn(&mut self) {
        self.world().resource_mut::<Clock>().turn += 1;
    }

    /// An operation of `team` that resolves this turn.
    pub(crate) fn order(&mut self, team: TeamIx, kind: ActionKind, target: TargetRef) {
        self.order_about(team, kind, target, None);
    }

    /// An operation that names the person it concerns (sharing, MLA).
    pub(crate) fn order_about(
        &mut self,
        team: TeamIx,
        kind: ActionKind,
        target: TargetRef,
        about: Option<ActorIx>,
    ) {
        let turn = self.turn();
        let seq = self
            .world()
            .query::<&Operation>()
            .iter(self.world())
            .count() as u32;
        self.world().spawn(Operation {
            team,
            seq,
            kind,
            target,
            about,
            day: None,
            ordered: turn,
            resolves: turn,
        });
    }

    /// The operations under way, in the order they were placed.
    pub(crate) fn operations(&mut self) -> Vec<Operation> {
        let mut q = self.world().query::<&Operation>();
        let mut ops: Vec<Operation> = q.iter(self.engine.world_mut()).cloned().collect();
        ops.sort_by_key(|o| (o.ordered, o.seq));
        ops
    }

    /// Run one system on the world, once.
    pub(crate) fn run<M>(&mut self, system: impl IntoSystem<(), (), M>) {
        self.world()
            .run_system_once(system)
            .expect("the system runs");
    }

    /// Change a member's state.
    pub(crate) fn set_actor(&mut self, actor: ActorIx, change: impl FnOnce(&mut ActorState)) {
        let mut q = self.world().query::<(&ActorId, &mut ActorState)>();
        if let Some((_, mut s)) = q
            .iter_mut(self.engine.world_mut())
            .find(|(id, _)| id.0 == actor)
        {
            change(&mut s);
        }
    }

    /// A member's state.
    pub(crate) fn actor_state(&mut self, actor: ActorIx) -> ActorState {
        let mut q = self.world().query::<(&ActorId, &ActorState)>();
        q.iter(self.engine.world_mut())
            .find(|(id, _)| id.0 == actor)
            .map(|(_, s)| s.clone())
            .expect("the member exists")
    }

    /// Change a migrant group, by creation order.
    pub(crate) fn set_group(&mut self, seq: u32, change: impl FnOnce(&mut Group)) {
        let mut q = self.world().query::<&mut Group>();
        if let Some(mut g) = q.iter_mut(self.engine.world_mut()).find(|g| g.seq == seq) {
            change(&mut g);
        }
    }

    /// A team meets a group (by creation order) on a turn, as if it had
    /// seen the group itself.
    pub(crate) fn meet(&mut self, team: TeamIx, seq: u32, turn: u32) {
        let group = self.group(seq);
        self.world()
            .resource_scope(|world, mut knowledge: Mut<Knowledge>| {
                let setup = world.resource::<Setup>();
                super::maritime::meet_group(setup, &mut knowledge.0[team], &group, turn);
            });
    }

    /// A migrant group, by creation order.
    pub(crate) fn group(&mut self, seq: u32) -> Group {
        let mut q = self.world().query::<&Group>();
        q.iter(self.engine.world_mut())
            .find(|g| g.seq == seq)
            .cloned()
            .expect("the group exists")
    }

    /// A resource of the world, to read or change.
    pub(crate) fn resource<R: Resource<Mutability = bevy_ecs::component::Mutable>>(
        &mut self,
    ) -> Mut<'_, R> {
        self.world().resource_mut::<R>()
    }

    /// What a team knows.
    pub(crate) fn knowledge(&mut self, team: TeamIx) -> TeamKnowledge {
        self.world().resource::<Knowledge>().0[team].clone()
    }

    /// The events a team was told this turn.
    pub(crate) fn told(&mut self, team: TeamIx) -> Vec<Event> {
        let turn = self.turn();
        self.knowledge(team)
            .messages
            .into_iter()
            .filter(|m| m.turn == turn)
            .map(|m| m.event)
            .collect()
    }
}
