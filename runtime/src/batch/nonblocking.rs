//! The async driver of a batch: [`Run`](super::Run)'s requests sent through
//! [`nonblocking::Client::execute`](crate::nonblocking::Client::execute).

use super::{Batch, BatchError, BatchResponses, Next};
use crate::{nonblocking, BaseUrl};
use std::time::{Instant, SystemTime};

impl Batch {
    /// Sends the batch to `{base}/$batch` through `client` (its token and its retries of whole requests),
    /// sending throttled steps again as [`Run`](super::Run) says, and returns each step's answer.
    pub async fn send_async(self, client: &nonblocking::Client, base: &BaseUrl) -> Result<BatchResponses, BatchError> {
        let mut run = self.start(base)?;
        let started = Instant::now();
        loop {
            match run.poll(started.elapsed(), SystemTime::now(), crate::config::random_u64()) {
                Next::Send(request) => run.receive(client.execute(request).await),
                Next::Wait(wait) => tokio::time::sleep(wait).await,
                Next::Done => return Ok(run.finish()),
            }
        }
    }
}
