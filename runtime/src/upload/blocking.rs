//! The blocking driver of an upload, over its own ureq agent: the upload URL is pre-authenticated, so its
//! requests go without the client's token (which `blocking::Client::execute` would add).

use super::{check_chunk_size, item, Action, Upload, UploadError, UploadSession, DEFAULT_CHUNK_SIZE};
use crate::retry::Policy;
use crate::Error;
use serde::de::DeserializeOwned;
use std::io::{Read, Seek, SeekFrom};
use std::time::{Duration, SystemTime};

/// Uploads files through upload sessions, chunk by chunk.
#[derive(Debug, Clone)]
pub struct Uploader {
    agent: ureq::Agent,
    chunk_size: u64,
    /// When to stop retrying failed chunks (failures in a row) and how long to back off.
    pub retry: Policy,
}

impl Default for Uploader {
    fn default() -> Self {
        Uploader::new()
    }
}

impl Uploader {
    /// An uploader with chunks of [`DEFAULT_CHUNK_SIZE`] and a 120 s timeout per chunk.
    pub fn new() -> Self {
        Uploader::with_timeout(Duration::from_secs(120))
    }

    /// An uploader with a given timeout per request.
    pub fn with_timeout(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build();
        Uploader { agent: config.into(), chunk_size: DEFAULT_CHUNK_SIZE, retry: Policy::default() }
    }

    /// Sets the chunk size: a positive multiple of 320 KiB up to 60 MiB.
    pub fn chunk_size(mut self, bytes: u64) -> Result<Self, UploadError> {
        self.chunk_size = check_chunk_size(bytes)?;
        Ok(self)
    }

    /// Uploads `source` (its whole length) to `session` and reads the final item as `T`; `progress` hears the
    /// bytes the service has confirmed and the total each time the confirmed bytes change.
    pub fn upload<T: DeserializeOwned, R: Read + Seek>(
        &self,
        session: &UploadSession,
        mut source: R,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<T, UploadError> {
        let total = source.seek(SeekFrom::End(0))?;
        let mut upload = Upload::new(session, total)?.chunk_size(self.chunk_size)?;
        upload.retry = self.retry;
        let mut reported = upload.confirmed();
        loop {
            let request = match upload.poll(SystemTime::now(), crate::config::random_u64()) {
                Action::Put { start, end } => {
                    source.seek(SeekFrom::Start(start))?;
                    let mut bytes = Vec::new();
                    (&mut source).take(end - start).read_to_end(&mut bytes)?;
                    upload.put_request(start, bytes)?
                }
                Action::Send(request) => request,
                Action::Wait(wait) => {
                    std::thread::sleep(wait);
                    continue;
                }
                Action::Done(response) => return item(&response),
            };
            upload.receive(self.send(request))?;
            if upload.confirmed() != reported {
                reported = upload.confirmed();
                progress(reported, total);
            }
        }
    }

    /// Uploads bytes held in memory.
    pub fn upload_bytes<T: DeserializeOwned>(
        &self,
        session: &UploadSession,
        bytes: &[u8],
        progress: impl FnMut(u64, u64),
    ) -> Result<T, UploadError> {
        self.upload(session, std::io::Cursor::new(bytes), progress)
    }

    /// Sends one request as it is (no token) and reads the whole answer.
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        let response =
            self.agent.run(request).map_err(|error| Error::Transport(crate::TransportError::from_error(error)))?;
        let (head, mut body) = response.into_parts();
        let bytes = body.read_to_vec().map_err(|error| Error::Transport(crate::TransportError::from_error(error)))?;
        Ok(http::Response::from_parts(head, bytes))
    }
}
