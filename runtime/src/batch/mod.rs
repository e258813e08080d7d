//! JSON batching (`POST {base}/$batch`), sans-IO: a [`Batch`] of any operations, each added with a typed
//! [`StepKey`]; [`Batch::start`] checks it and plans the HTTP requests; a [`Run`] hands them out one at a time, reads
//! each answer, and hands out later requests for the steps the service throttled; [`BatchResponses`] gives each
//! step's answer to its own operation's `parse_response`.
//!
//! Splitting: Graph takes at most [`MAX_STEPS`] steps per request, and a `dependsOn` may only name a step of the
//! same request. So steps tied by `dependsOn` (directly or through others) travel together: each such group goes
//! whole into one request, groups packed first-fit in the order they were added, and a group larger than
//! [`MAX_STEPS`] is refused ([`BatchError::GroupTooLarge`]) rather than split (splitting would lose the service's
//! ordering and its `424 Failed Dependency`).
//!
//! Throttling: a step answered 429 or 503 (or a status its operation's docs say to retry, by
//! [`retry::retryable`](crate::retry::retryable)) goes again in a later request after its `Retry-After` (or a
//! backoff), within the batch's [`Policy`]; a step answered `424` because such a step failed goes again with it.
//! A step whose dependency succeeded earlier goes without that `dependsOn`.

use crate::retry::Policy;
use crate::{BaseUrl, Error, Operation, RequestParts};
use std::collections::HashMap;
use std::marker::PhantomData;

mod plan;
mod run;
mod wire;

#[cfg(feature = "blocking")]
mod blocking;

#[cfg(feature = "async")]
mod nonblocking;

pub use run::{BatchResponses, Next, Run};

/// The most steps Graph takes in one `$batch` request.
pub const MAX_STEPS: usize = 20;

/// Why a batch cannot be built or sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// Two steps with one id.
    #[error("two batch steps have the id `{0}`")]
    DuplicateId(String),
    /// An empty id.
    #[error("a batch step id is empty")]
    EmptyId,
    /// A `dependsOn` naming no step of the batch.
    #[error("batch step `{step}` depends on `{on}`, which is not in the batch")]
    UnknownDependency { step: String, on: String },
    /// Steps that depend on each other in a ring (a step depending on itself included).
    #[error("batch steps depend on each other in a cycle through `{0}`")]
    Cycle(String),
    /// More steps tied by `dependsOn` than one request takes.
    #[error("{size} batch steps tied by dependsOn (through `{id}`) exceed the {MAX_STEPS} one request takes")]
    GroupTooLarge { id: String, size: usize },
    /// An operation that could not become a request (a refused argument, an invalid header).
    #[error("batch step `{id}`: {source}")]
    Step {
        id: String,
        #[source]
        source: Box<Error>,
    },
    /// The `$batch` request itself could not be built.
    #[error("cannot build the $batch request: {0}")]
    Request(#[source] Box<Error>),
}

/// A handle on one step of a batch: its id, and the operation that reads its answer.
pub struct StepKey<O> {
    id: String,
    operation: PhantomData<fn() -> O>,
}

impl<O> StepKey<O> {
    /// The step's id (the `id` of the request and of its answer).
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<O> Clone for StepKey<O> {
    fn clone(&self) -> Self {
        StepKey { id: self.id.clone(), operation: PhantomData }
    }
}

impl<O> std::fmt::Debug for StepKey<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("StepKey").field(&self.id).finish()
    }
}

/// One step as the batch keeps it until it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub(crate) id: String,
    pub(crate) parts: RequestParts,
    pub(crate) depends_on: Vec<String>,
    /// The operation's documented retry statuses.
    pub(crate) documented: &'static [u16],
}

/// A JSON batch under construction: steps from any generated operations.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    steps: Vec<Step>,
    index: HashMap<String, usize>,
    next_id: u64,
    /// How long and how often throttled steps are tried again (per step, from the batch's start).
    pub retry: Policy,
}

impl Batch {
    /// An empty batch with the default retry policy.
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds `operation` under the next free numeric id (`"1"`, `"2"`, ...).
    pub fn add<O: Operation>(&mut self, operation: O) -> Result<StepKey<O>, BatchError> {
        let id = loop {
            self.next_id += 1;
            let id = self.next_id.to_string();
            if !self.index.contains_key(&id) {
                break id;
            }
        };
        self.add_as(id, operation)
    }

    /// Adds `operation` under a given id.
    pub fn add_as<O: Operation>(&mut self, id: impl Into<String>, operation: O) -> Result<StepKey<O>, BatchError> {
        let id = id.into();
        if id.is_empty() {
            return Err(BatchError::EmptyId);
        }
        if self.index.contains_key(&id) {
            return Err(BatchError::DuplicateId(id));
        }
        let parts = operation.into_parts();
        if let Some(refused) = parts.refused.clone() {
            return Err(BatchError::Step { id, source: Box::new(Error::Refused(refused)) });
        }
        self.index.insert(id.clone(), self.steps.len());
        self.steps.push(Step { id: id.clone(), parts, depends_on: Vec::new(), documented: O::RETRY_STATUSES });
        Ok(StepKey { id, operation: PhantomData })
    }

    /// Adds `operation` to run after the steps `after` (their ids), which may be added later.
    pub fn add_after<O: Operation>(&mut self, operation: O, after: &[&str]) -> Result<StepKey<O>, BatchError> {
        let key = self.add(operation)?;
        self.depends_on(key.id(), after)?;
        Ok(key)
    }

    /// Makes the step `step` run after the steps `on` (`dependsOn`). Ids not (yet) in the batch are refused by
    /// [`Batch::start`], so steps may be tied before all are added.
    pub fn depends_on(&mut self, step: &str, on: &[&str]) -> Result<(), BatchError> {
        let Some(&index) = self.index.get(step) else {
            let on = on.first().copied().unwrap_or_default().to_owned();
            return Err(BatchError::UnknownDependency { step: step.to_owned(), on });
        };
        let depends_on = &mut self.steps[index].depends_on;
        for id in on {
            if !depends_on.iter().any(|known| known == id) {
                depends_on.push((*id).to_owned());
            }
        }
        Ok(())
    }

    /// The number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether the batch has no step.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Checks the steps (known dependencies, no cycle, groups that fit one request) and starts sending them to
    /// `{base}/$batch`.
    pub fn start(self, base: &BaseUrl) -> Result<Run, BatchError> {
        let plan = plan::check(&self.steps, &self.index)?;
        Ok(Run::new(base, self.steps, plan, self.retry))
    }
}
