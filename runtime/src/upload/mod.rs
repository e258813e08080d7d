//! Large file upload through an upload session (drive items' and mail attachments' `createUploadSession`),
//! sans-IO: an [`Upload`] says which bytes to PUT next ([`Action::Put`]), reads each answer, and after a failed
//! chunk asks the upload URL which ranges it still expects and goes on from there. The upload URL is
//! pre-authenticated: its requests carry no `Authorization` header (Graph's docs: sending one may fail the upload).
//!
//! A driver loop, whatever the HTTP stack:
//!
//! ```text
//! loop { match upload.poll(SystemTime::now(), random) {
//!     Action::Put { start, end } => { let request = upload.put_request(start, read(start..end)?)?;
//!                                     upload.receive(send(request))?; progress(upload.confirmed(), upload.total()) }
//!     Action::Send(request) => upload.receive(send(request))?,
//!     Action::Wait(wait) => sleep(wait),
//!     Action::Done(response) => return item(&response),
//! } }
//! ```

use crate::retry::{backoff, retry_after, retryable, Policy};
use crate::{error_for, Error};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime};

#[cfg(feature = "blocking")]
mod blocking;

#[cfg(feature = "blocking")]
pub use blocking::Uploader;

#[cfg(feature = "async")]
mod nonblocking;

#[cfg(feature = "async")]
pub use nonblocking::AsyncUploader;

/// The unit chunk sizes are multiples of: 320 KiB.
pub const CHUNK_UNIT: u64 = 320 * 1024;
/// The default chunk size: 10 × 320 KiB (3.125 MiB).
pub const DEFAULT_CHUNK_SIZE: u64 = 10 * CHUNK_UNIT;
/// The largest chunk Graph takes in one request: 60 MiB (192 × 320 KiB).
pub const MAX_CHUNK_SIZE: u64 = 60 * 1024 * 1024;

/// An upload session, as `createUploadSession` returns it (and as the upload URL reports its status).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadSession {
    /// Where to PUT the bytes; pre-authenticated. (The status the upload URL answers leaves it out.)
    #[serde(default)]
    pub upload_url: String,
    /// When the session expires (an ISO 8601 date-time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<String>,
    /// The byte ranges the service still expects (`"0-"`, `"26-"`, `"300-399"`).
    #[serde(default)]
    pub next_expected_ranges: Vec<String>,
}

/// Why an upload stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UploadError {
    /// A chunk size that is not a positive multiple of 320 KiB up to 60 MiB.
    #[error("chunk size {0} is not a positive multiple of 320 KiB (327,680 bytes) up to 60 MiB")]
    ChunkSize(u64),
    /// An upload URL that is not a valid URI.
    #[error("the upload URL is not a valid URI: {0}")]
    Url(String),
    /// Nothing to upload (an upload session takes at least one byte; PUT an empty file's content directly).
    #[error("an upload session cannot upload an empty file")]
    Empty,
    /// A `nextExpectedRanges` that cannot be read, or that lies outside the file.
    #[error("the service expects the range `{0}`, which is not one of this file's")]
    Range(String),
    /// A chunk that is not the bytes [`Action::Put`] asked for.
    #[error("a chunk at byte {start} of {len} bytes does not fit a file of {total} bytes")]
    Chunk { start: u64, len: u64, total: u64 },
    /// The service refused the upload (the session expired or is unknown, say): its answer, typed.
    #[error("the upload was refused: {0}")]
    Service(#[source] Error),
    /// Failed chunks or status requests, one after another, beyond the retry policy.
    #[error("the upload gave up after {attempts} failed attempts in a row; the last: {last}")]
    GaveUp { attempts: u32, last: String },
    /// The service expects no more bytes but never sent the final item.
    #[error("the service expects no more bytes but sent no final item")]
    NoItem,
    /// The source could not be read.
    #[error("cannot read the file: {0}")]
    Read(#[from] std::io::Error),
    /// The final item does not read as the type asked for.
    #[error("the uploaded item: {0}")]
    Item(#[source] Error),
}

/// What a driver does next.
#[derive(Debug)]
pub enum Action {
    /// Read bytes `start..end` (end excluded) of the file, build their request with [`Upload::put_request`], send
    /// it and pass the answer to [`Upload::receive`].
    Put { start: u64, end: u64 },
    /// Send this request (the session's status) and pass the answer to [`Upload::receive`].
    Send(http::Request<Vec<u8>>),
    /// Sleep this long, then poll again.
    Wait(Duration),
    /// The upload is complete: the final answer (200 or 201), the item in its body (read it with [`item`]).
    Done(http::Response<Vec<u8>>),
}

#[derive(Debug)]
enum State {
    Ready,
    Putting {
        start: u64,
        end: u64,
    },
    /// Ask the upload URL which ranges it expects, after waiting this long.
    Resume(Duration),
    Asking,
    Done(Option<http::Response<Vec<u8>>>),
}

/// An upload in progress: the state between requests.
#[derive(Debug)]
pub struct Upload {
    url: http::Uri,
    total: u64,
    chunk_size: u64,
    /// The first byte the service has not confirmed.
    next: u64,
    state: State,
    /// Failed attempts since the last confirmed chunk.
    failures: u32,
    /// When retrying stops.
    pub retry: Policy,
    now: SystemTime,
    random: u64,
}

impl Upload {
    /// Starts uploading `total` bytes to `session`, from the first range it expects, in chunks of
    /// [`DEFAULT_CHUNK_SIZE`].
    pub fn new(session: &UploadSession, total: u64) -> Result<Upload, UploadError> {
        let url = http::Uri::try_from(session.upload_url.as_str())
            .map_err(|_| UploadError::Url(session.upload_url.clone()))?;
        if total == 0 {
            return Err(UploadError::Empty);
        }
        let next = match session.next_expected_ranges.first() {
            Some(range) => range_start(range, total)?,
            None => 0,
        };
        Ok(Upload {
            url,
            total,
            chunk_size: DEFAULT_CHUNK_SIZE,
            next,
            state: State::Ready,
            failures: 0,
            retry: Policy::default(),
            now: SystemTime::UNIX_EPOCH,
            random: 0,
        })
    }

    /// Sets the chunk size: a positive multiple of [`CHUNK_UNIT`] up to [`MAX_CHUNK_SIZE`].
    pub fn chunk_size(mut self, bytes: u64) -> Result<Upload, UploadError> {
        self.chunk_size = check_chunk_size(bytes)?;
        Ok(self)
    }

    /// The file's size.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The bytes the service has confirmed (the start of the first range it still expects).
    pub fn confirmed(&self) -> u64 {
        self.next
    }

    /// What to do next; `now` reads an HTTP-date `Retry-After`, `random` spreads backoffs.
    pub fn poll(&mut self, now: SystemTime, random: u64) -> Action {
        self.now = now;
        self.random = random;
        match std::mem::replace(&mut self.state, State::Ready) {
            State::Ready => {
                let end = self.next.saturating_add(self.chunk_size).min(self.total);
                self.state = State::Putting { start: self.next, end };
                Action::Put { start: self.next, end }
            }
            State::Resume(wait) if !wait.is_zero() => {
                self.state = State::Resume(Duration::ZERO);
                Action::Wait(wait)
            }
            // A request handed out but never answered is asked about like a failed one.
            State::Resume(_) | State::Putting { .. } | State::Asking => {
                self.state = State::Asking;
                Action::Send(self.request(http::Method::GET, Vec::new()))
            }
            State::Done(response) => {
                let response = response.unwrap_or_else(|| http::Response::new(Vec::new()));
                self.state = State::Done(None);
                Action::Done(response)
            }
        }
    }

    /// The PUT of `bytes` from byte `start` (the range the last [`Action::Put`] asked for): `Content-Range: bytes start-last/total` and `Content-Length`, and
    /// no `Authorization`.
    pub fn put_request(&self, start: u64, bytes: Vec<u8>) -> Result<http::Request<Vec<u8>>, UploadError> {
        let len = bytes.len() as u64;
        // The bytes asked for by the last `Action::Put`, no others: a short read would leave a hole.
        let asked = match self.state {
            State::Putting { start: from, end } => start == from && start.checked_add(len) == Some(end),
            _ => false,
        };
        let end = start.checked_add(len).filter(|&end| asked && len > 0 && end <= self.total);
        let Some(end) = end else { return Err(UploadError::Chunk { start, len, total: self.total }) };
        let mut request = self.request(http::Method::PUT, bytes);
        let headers = request.headers_mut();
        let range = format!("bytes {start}-{}/{}", end - 1, self.total);
        if let Ok(range) = http::HeaderValue::try_from(range) {
            headers.insert(http::header::CONTENT_RANGE, range);
        }
        headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(len));
        Ok(request)
    }

    /// A request to the upload URL.
    fn request(&self, method: http::Method, body: Vec<u8>) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = self.url.clone();
        request
    }

    /// Takes the answer to the request last handed out (or the error sending it).
    pub fn receive(&mut self, answer: Result<http::Response<Vec<u8>>, Error>) -> Result<(), UploadError> {
        let state = std::mem::replace(&mut self.state, State::Ready);
        let response = match answer {
            Ok(response) => response,
            Err(error) => return self.failed(error.to_string(), None),
        };
        let status = response.status().as_u16();
        match (state, status) {
            (State::Putting { .. }, 200 | 201) => {
                self.next = self.total;
                self.state = State::Done(Some(response));
                Ok(())
            }
            (State::Putting { end, .. }, 202) => {
                let session: UploadSession = serde_json::from_slice(response.body()).unwrap_or_default();
                self.next = match session.next_expected_ranges.first() {
                    Some(range) => range_start(range, self.total)?,
                    None => end,
                };
                if self.next >= self.total {
                    return Err(UploadError::NoItem);
                }
                self.failures = 0;
                Ok(())
            }
            (State::Asking, 200) => {
                let session: UploadSession = serde_json::from_slice(response.body())
                    .map_err(|error| UploadError::Service(Error::Deserialize { status, error }))?;
                let Some(range) = session.next_expected_ranges.first() else { return Err(UploadError::NoItem) };
                self.next = range_start(range, self.total)?;
                Ok(())
            }
            // A chunk the service does not take where it was put (it had it already, or expects another range):
            // ask where to go on.
            (State::Putting { .. }, 409 | 416) => self.failed(format!("HTTP {status}"), Some(response.headers())),
            (_, status) if retryable("PUT", status, &[]) => {
                self.failed(format!("HTTP {status}"), Some(response.headers()))
            }
            _ => Err(UploadError::Service(error_for(response))),
        }
    }

    /// Counts a failed attempt: gives up beyond the policy, or waits (as `Retry-After` asks, or a backoff) and asks
    /// the service which ranges it expects.
    fn failed(&mut self, why: String, headers: Option<&http::HeaderMap>) -> Result<(), UploadError> {
        self.failures += 1;
        let wait = headers
            .and_then(|headers| retry_after(headers, self.now))
            .unwrap_or_else(|| backoff(&self.retry, self.failures, self.random));
        if self.failures >= self.retry.max_attempts.max(1) || wait > self.retry.max_total {
            return Err(UploadError::GaveUp { attempts: self.failures, last: why });
        }
        self.state = State::Resume(wait);
        Ok(())
    }
}

/// Checks a chunk size: a positive multiple of [`CHUNK_UNIT`] up to [`MAX_CHUNK_SIZE`].
pub fn check_chunk_size(bytes: u64) -> Result<u64, UploadError> {
    if bytes == 0 || bytes % CHUNK_UNIT != 0 || bytes > MAX_CHUNK_SIZE {
        return Err(UploadError::ChunkSize(bytes));
    }
    Ok(bytes)
}

/// The first byte of a range the service expects (`"26-"` or `"26-99"`), within a file of `total` bytes.
fn range_start(range: &str, total: u64) -> Result<u64, UploadError> {
    let start = range.split('-').next().unwrap_or_default().trim();
    match start.parse::<u64>() {
        Ok(start) if start < total => Ok(start),
        _ => Err(UploadError::Range(range.to_owned())),
    }
}

/// The uploaded item in the final answer; an empty body (a mail attachment's `201 Created`, whose `Location`
/// names it) reads as JSON `null`, so `T` may be `Option<_>` or `()`.
pub fn item<T: DeserializeOwned>(response: &http::Response<Vec<u8>>) -> Result<T, UploadError> {
    let status = response.status().as_u16();
    let body = response.body().trim_ascii();
    let body = if body.is_empty() { b"null".as_slice() } else { body };
    serde_json::from_slice(body).map_err(|error| UploadError::Item(Error::Deserialize { status, error }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> UploadSession {
        UploadSession { upload_url: "https://upload.example/session/1".into(), ..UploadSession::default() }
    }

    #[test]
    fn chunk_sizes_are_multiples_of_320_kib() {
        assert!(check_chunk_size(CHUNK_UNIT * 3).is_ok());
        assert!(check_chunk_size(MAX_CHUNK_SIZE).is_ok());
        for bad in [0, 1, CHUNK_UNIT + 1, 1024 * 1024, MAX_CHUNK_SIZE + CHUNK_UNIT] {
            assert!(matches!(check_chunk_size(bad), Err(UploadError::ChunkSize(size)) if size == bad));
        }
    }

    #[test]
    fn ranges_are_read_from_their_start_and_checked_against_the_file() {
        assert_eq!(range_start("26-", 100).ok(), Some(26));
        assert_eq!(range_start("0-99", 100).ok(), Some(0));
        assert!(range_start("100-", 100).is_err());
        assert!(range_start("x-", 100).is_err());
    }

    #[test]
    fn chunks_carry_their_range_and_no_token() {
        let mut upload = Upload::new(&session(), 1000).expect("a session");
        let Action::Put { start, end } = upload.poll(SystemTime::now(), 0) else { panic!("a chunk first") };
        assert_eq!((start, end), (0, 1000));
        let request = upload.put_request(0, vec![7; 1000]).expect("a request");
        assert_eq!(request.method(), "PUT");
        assert_eq!(request.headers()["content-range"], "bytes 0-999/1000");
        assert_eq!(request.headers()["content-length"], "1000");
        assert!(request.headers().get("authorization").is_none());
        assert!(upload.put_request(1, vec![7; 999]).is_err(), "a chunk not asked for is refused");
        assert!(upload.put_request(0, vec![7; 999]).is_err(), "a short chunk is refused");
    }

    #[test]
    fn a_session_resumed_starts_where_the_service_expects() {
        let resumed = UploadSession { next_expected_ranges: vec!["655360-".into()], ..session() };
        let mut upload = Upload::new(&resumed, 1_000_000).expect("a session");
        assert!(matches!(upload.poll(SystemTime::now(), 0), Action::Put { start: 655_360, .. }));
    }

    #[test]
    fn repeated_failures_give_up() {
        let mut upload = Upload::new(&session(), 10).expect("a session");
        upload.retry.backoff = Duration::ZERO;
        upload.retry.max_attempts = 2;
        upload.poll(SystemTime::now(), 0);
        assert!(upload.receive(Err(Error::Transport("reset".into()))).is_ok());
        assert!(matches!(upload.poll(SystemTime::now(), 0), Action::Send(_)));
        let gave_up = upload.receive(Err(Error::Transport("reset".into())));
        assert!(matches!(gave_up, Err(UploadError::GaveUp { attempts: 2, .. })));
    }
}
