//! The blocking driver of a batch: [`Run`]'s requests sent through [`blocking::Client::execute`].

use super::{Batch, BatchError, BatchResponses, Next};
use crate::{blocking, BaseUrl};
use std::time::{Instant, SystemTime};

impl Batch {
    /// Sends the batch to `{base}/$batch` through `client` (its token and its retries of whole requests),
    /// sending throttled steps again as [`Run`](super::Run) says, and returns each step's answer.
    pub fn send_blocking(self, client: &blocking::Client, base: &BaseUrl) -> Result<BatchResponses, BatchError> {
        let mut run = self.start(base)?;
        let started = Instant::now();
        loop {
            match run.poll(started.elapsed(), SystemTime::now(), crate::config::random_u64()) {
                Next::Send(request) => run.receive(client.execute(request)),
                Next::Wait(wait) => std::thread::sleep(wait),
                Next::Done => return Ok(run.finish()),
            }
        }
    }
}
