//! Large file upload against a loopback upload URL (wiremock) that keeps the bytes it is sent, answers 202 with
//! `nextExpectedRanges` between chunks and the item at the end, and fails a chunk when told to.
#![cfg(feature = "blocking")]

use graphdoc_runtime::upload::{UploadError, UploadSession, Uploader, CHUNK_UNIT};
use graphdoc_runtime::Error;
use serde::Deserialize;
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOTAL: usize = 1024 * 1024;

/// The item the final answer holds.
#[derive(Debug, Deserialize, PartialEq)]
struct DriveItem {
    id: String,
    name: String,
    size: u64,
}

/// How the upload URL misbehaves on one chunk (counted from 1, retries included).
#[derive(Clone, Copy)]
enum Fault {
    None,
    /// Keep this many bytes of the chunk, then answer 500.
    KeepThen500 {
        chunk: usize,
        kept: usize,
    },
    /// Keep the whole chunk but answer after the client's timeout (a lost answer).
    LateAnswer {
        chunk: usize,
    },
    /// Answer 429 with `Retry-After: 1`, keeping nothing.
    Throttle {
        chunk: usize,
    },
    /// Keep this many bytes of the chunk and answer 202, expecting the rest.
    KeepPart {
        chunk: usize,
        kept: usize,
    },
}

#[derive(Default)]
struct Seen {
    /// The bytes kept, in order; their length is the next byte expected.
    kept: Vec<u8>,
    /// Each PUT's `Content-Range`, and each GET as "GET".
    requests: Vec<String>,
    /// Requests that came with an `Authorization` header.
    authorized: usize,
    /// PUTs whose `Content-Length` was not their body's length.
    bad_lengths: usize,
}

#[derive(Clone)]
struct UploadUrl {
    seen: Arc<Mutex<Seen>>,
    fault: Fault,
}

impl UploadUrl {
    fn expecting(kept: usize) -> serde_json::Value {
        json!({ "expirationDateTime": "2030-01-01T00:00:00Z", "nextExpectedRanges": [format!("{kept}-")] })
    }
}

impl Respond for UploadUrl {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Ok(mut seen) = self.seen.lock() else { return ResponseTemplate::new(500) };
        if request.headers.contains_key("authorization") {
            seen.authorized += 1;
        }
        if request.method.as_str() == "GET" {
            seen.requests.push("GET".into());
            return ResponseTemplate::new(200).set_body_json(UploadUrl::expecting(seen.kept.len()));
        }
        let range = request.headers.get("content-range").and_then(|value| value.to_str().ok()).unwrap_or_default();
        seen.requests.push(range.to_owned());
        let length = request.headers.get("content-length").and_then(|value| value.to_str().ok());
        if length != Some(request.body.len().to_string().as_str()) {
            seen.bad_lengths += 1;
        }
        // `bytes a-b/total`
        let numbers: Vec<usize> =
            range.trim_start_matches("bytes ").split(['-', '/']).filter_map(|n| n.parse().ok()).collect();
        let [first, last, total] = numbers[..] else { return ResponseTemplate::new(400) };
        if first != seen.kept.len() || last + 1 - first != request.body.len() || total != TOTAL {
            return ResponseTemplate::new(416);
        }
        let chunk = seen.requests.iter().filter(|request| *request != "GET").count();
        match self.fault {
            Fault::KeepThen500 { chunk: at, kept } if at == chunk => {
                seen.kept.extend_from_slice(&request.body[..kept]);
                return ResponseTemplate::new(500);
            }
            Fault::Throttle { chunk: at } if at == chunk => {
                return ResponseTemplate::new(429).insert_header("Retry-After", "1");
            }
            Fault::KeepPart { chunk: at, kept } if at == chunk => {
                seen.kept.extend_from_slice(&request.body[..kept]);
                return ResponseTemplate::new(202).set_body_json(UploadUrl::expecting(seen.kept.len()));
            }
            _ => {}
        }
        seen.kept.extend_from_slice(&request.body);
        let answer = if seen.kept.len() == TOTAL {
            ResponseTemplate::new(201).set_body_json(json!({ "id": "01ABC", "name": "big.bin", "size": TOTAL }))
        } else {
            ResponseTemplate::new(202).set_body_json(UploadUrl::expecting(seen.kept.len()))
        };
        match self.fault {
            Fault::LateAnswer { chunk: at } if at == chunk => answer.set_delay(Duration::from_secs(3)),
            _ => answer,
        }
    }
}

/// Bytes that differ from chunk to chunk, so that a chunk put in the wrong place shows.
fn file() -> Vec<u8> {
    (0..TOTAL).map(|n| (n % 251) as u8).collect()
}

struct Outcome {
    result: Result<DriveItem, UploadError>,
    progress: Vec<(u64, u64)>,
    seen: Seen,
}

async fn upload(fault: Fault, uploader: Uploader) -> Outcome {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(Seen::default()));
    Mock::given(path("/up/session-1")).respond_with(UploadUrl { seen: seen.clone(), fault }).mount(&server).await;
    let session = UploadSession {
        upload_url: format!("{}/up/session-1", server.uri()),
        expiration_date_time: Some("2030-01-01T00:00:00Z".into()),
        next_expected_ranges: vec!["0-".into()],
    };
    let (result, progress) = tokio::task::spawn_blocking(move || {
        let mut progress = Vec::new();
        let result = uploader.upload_bytes(&session, &file(), |sent, total| progress.push((sent, total)));
        (result, progress)
    })
    .await
    .expect("the driver ran");
    let seen = std::mem::take(&mut *seen.lock().expect("the server's state"));
    Outcome { result, progress, seen }
}

fn chunks_of_320_kib() -> Uploader {
    Uploader::new().chunk_size(CHUNK_UNIT).expect("320 KiB is a valid chunk size")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chunk_failed_half_way_resumes_from_the_expected_range() {
    let outcome = upload(Fault::KeepThen500 { chunk: 2, kept: 100_000 }, chunks_of_320_kib()).await;
    let item = outcome.result.expect("uploaded");
    assert_eq!(item, DriveItem { id: "01ABC".into(), name: "big.bin".into(), size: TOTAL as u64 });
    assert_eq!(outcome.seen.kept, file(), "the bytes arrived whole and in place");
    // The second chunk kept 100,000 bytes before failing: the status says 427680- and the upload goes on there.
    assert_eq!(
        outcome.seen.requests,
        [
            "bytes 0-327679/1048576",
            "bytes 327680-655359/1048576",
            "GET",
            "bytes 427680-755359/1048576",
            "bytes 755360-1048575/1048576",
        ]
    );
    let sent: Vec<u64> = outcome.progress.iter().map(|(sent, _)| *sent).collect();
    assert_eq!(sent, [327_680, 427_680, 755_360, 1_048_576]);
    assert!(outcome.progress.iter().all(|(_, total)| *total == TOTAL as u64));
    assert_eq!(outcome.seen.authorized, 0, "the upload URL gets no Authorization header");
    assert_eq!(outcome.seen.bad_lengths, 0, "each Content-Length is its chunk's");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chunk_taken_in_part_goes_on_from_the_range_the_202_expects() {
    let outcome = upload(Fault::KeepPart { chunk: 1, kept: 200_000 }, chunks_of_320_kib()).await;
    assert_eq!(outcome.result.expect("uploaded").size, TOTAL as u64);
    assert_eq!(outcome.seen.kept, file());
    assert_eq!(outcome.seen.requests[..2], ["bytes 0-327679/1048576", "bytes 200000-527679/1048576"]);
    assert_eq!(outcome.progress[0], (200_000, TOTAL as u64));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_resumes_after_the_chunk_the_service_kept() {
    let uploader = Uploader::with_timeout(Duration::from_secs(1)).chunk_size(CHUNK_UNIT).expect("valid");
    let outcome = upload(Fault::LateAnswer { chunk: 3 }, uploader).await;
    assert_eq!(outcome.result.expect("uploaded").size, TOTAL as u64);
    assert_eq!(outcome.seen.kept, file());
    assert_eq!(outcome.seen.requests.len(), 5, "four chunks and one status: {:?}", outcome.seen.requests);
    assert_eq!(outcome.seen.requests[3], "GET");
    assert_eq!(outcome.seen.requests[4], "bytes 983040-1048575/1048576", "the third chunk is not sent twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_throttled_chunk_waits_for_its_retry_after() {
    let started = std::time::Instant::now();
    let outcome = upload(Fault::Throttle { chunk: 1 }, chunks_of_320_kib()).await;
    assert_eq!(outcome.result.expect("uploaded").id, "01ABC");
    assert!(started.elapsed() >= Duration::from_millis(900), "Retry-After: 1 was honoured");
    assert_eq!(outcome.seen.requests[..3], ["bytes 0-327679/1048576", "GET", "bytes 0-327679/1048576"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_default_chunks_take_the_file_in_one_go() {
    let outcome = upload(Fault::None, Uploader::new()).await;
    assert_eq!(outcome.result.expect("uploaded").name, "big.bin");
    assert_eq!(outcome.seen.requests, ["bytes 0-1048575/1048576"]);
    assert_eq!(outcome.progress, [(1_048_576, 1_048_576)]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_session_is_the_service_error() {
    let server = MockServer::start().await;
    Mock::given(path("/up/gone"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": { "code": "itemNotFound", "message": "The upload session was not found" }
        })))
        .mount(&server)
        .await;
    let session = UploadSession { upload_url: format!("{}/up/gone", server.uri()), ..UploadSession::default() };
    let result = tokio::task::spawn_blocking(move || {
        Uploader::new().upload_bytes::<DriveItem>(&session, b"some bytes", |_, _| {})
    })
    .await
    .expect("the driver ran");
    match result {
        Err(UploadError::Service(Error::Status { status: 404, error: Some(error), .. })) => {
            assert_eq!(error.error.code, "itemNotFound");
        }
        other => panic!("expected the 404, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_attachment_answered_201_without_a_body_reads_as_none() {
    let server = MockServer::start().await;
    Mock::given(path("/up/attachment"))
        .respond_with(ResponseTemplate::new(201).insert_header("Location", "https://outlook.example/attachments/1"))
        .mount(&server)
        .await;
    let session = UploadSession { upload_url: format!("{}/up/attachment", server.uri()), ..UploadSession::default() };
    let result = tokio::task::spawn_blocking(move || {
        Uploader::new().upload_bytes::<Option<DriveItem>>(&session, b"attachment bytes", |_, _| {})
    })
    .await
    .expect("the driver ran");
    assert_eq!(result.expect("uploaded"), None);
}

#[test]
fn chunk_sizes_not_multiples_of_320_kib_are_refused() {
    assert!(matches!(Uploader::new().chunk_size(1024 * 1024), Err(UploadError::ChunkSize(1_048_576))));
    assert!(Uploader::new().chunk_size(4 * CHUNK_UNIT).is_ok());
}

/// The async driver over reqwest: a chunk failed half way resumes from the range the upload URL expects, with no
/// token, and the item comes back typed.
#[cfg(feature = "async")]
#[tokio::test]
async fn the_async_uploader_resumes_a_failed_chunk() {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(Seen::default()));
    let fault = Fault::KeepThen500 { chunk: 2, kept: 100_000 };
    Mock::given(path("/up/session-1")).respond_with(UploadUrl { seen: seen.clone(), fault }).mount(&server).await;
    let session = UploadSession {
        upload_url: format!("{}/up/session-1", server.uri()),
        expiration_date_time: Some("2030-01-01T00:00:00Z".into()),
        next_expected_ranges: vec!["0-".into()],
    };
    let uploader =
        graphdoc_runtime::upload::AsyncUploader::new(&graphdoc_runtime::Config::new(graphdoc_runtime::BaseUrl::V1))
            .expect("an uploader")
            .chunk_size(CHUNK_UNIT)
            .expect("320 KiB is a valid chunk size");
    let mut progress = Vec::new();
    let item: DriveItem =
        uploader.upload_bytes(&session, &file(), |sent, _| progress.push(sent)).await.expect("uploaded");
    assert_eq!(item, DriveItem { id: "01ABC".into(), name: "big.bin".into(), size: TOTAL as u64 });
    assert_eq!(progress, [327_680, 427_680, 755_360, 1_048_576]);
    let seen = seen.lock().expect("the server's state");
    assert_eq!(seen.kept, file(), "the bytes arrived whole and in place");
    assert_eq!(seen.requests[2], "GET", "the failed chunk asked the upload URL where to go on");
    assert_eq!(seen.authorized, 0, "the upload URL gets no Authorization header");
}
