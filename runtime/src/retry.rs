//! When to retry, sans-IO: the client sleeps on [`decide`]'s answer; any other HTTP stack can too.

use std::time::{Duration, SystemTime};

/// Bounds on retrying one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Attempts in all, the first included (0 counts as 1).
    pub max_attempts: u32,
    /// Time since the first attempt within which every wait must end; a longer wait gives up at once.
    pub max_total: Duration,
    /// The first backoff when the service sends no `Retry-After`; it doubles on each retry.
    pub backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
}

impl Default for Policy {
    /// 4 attempts within 60 s, backing off from 200 ms up to 10 s.
    fn default() -> Self {
        Policy {
            max_attempts: 4,
            max_total: Duration::from_secs(60),
            backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
        }
    }
}

/// What happened on one attempt: what [`decide`] needs.
#[derive(Debug, Clone, Copy)]
pub struct Outcome<'a> {
    pub method: &'a str,
    pub status: u16,
    pub headers: &'a http::HeaderMap,
    /// Attempts made so far, this one included.
    pub attempts: u32,
    /// Time since the first attempt started.
    pub elapsed: Duration,
    /// The time now, against which an HTTP-date `Retry-After` is read.
    pub now: SystemTime,
    /// Statuses the operation's docs say to retry (`Operation::RETRY_STATUSES`).
    pub documented: &'a [u16],
}

/// Retry after a wait, or give up and return the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Retry(Duration),
    GiveUp(Stop),
}

/// Why retrying stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Not a status to retry for this method (or not an error at all).
    NotRetryable,
    /// The policy's attempts are used up.
    Attempts,
    /// The wait would end after the policy's total time.
    Budget,
}

/// Whether to retry after `outcome`; `random` spreads the backoff (any value, fixed in tests).
pub fn decide(outcome: &Outcome<'_>, policy: &Policy, random: u64) -> Decision {
    if !retryable(outcome.method, outcome.status, outcome.documented) {
        return Decision::GiveUp(Stop::NotRetryable);
    }
    if outcome.attempts >= policy.max_attempts.max(1) {
        return Decision::GiveUp(Stop::Attempts);
    }
    let wait = retry_after(outcome.headers, outcome.now).unwrap_or_else(|| backoff(policy, outcome.attempts, random));
    match outcome.elapsed.checked_add(wait) {
        Some(end) if end <= policy.max_total => Decision::Retry(wait),
        _ => Decision::GiveUp(Stop::Budget),
    }
}

/// 429 and 503 say the service did not process the request, so any method may retry them; another 5xx may
/// have come after the work was done, so only an idempotent method retries it, or one whose docs say to.
/// 501 and 505 never change on retry.
pub fn retryable(method: &str, status: u16, documented: &[u16]) -> bool {
    match status {
        429 | 503 => true,
        500..=599 if documented.contains(&status) => true,
        501 | 505 => false,
        500..=599 => matches!(method, "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS" | "TRACE"),
        _ => false,
    }
}

/// The wait a `Retry-After` header asks for: delay-seconds (more than `u64` holds reads as forever) or an
/// HTTP-date (a past one reads as no wait). `None` when absent or unreadable.
pub fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The backoff after `attempts` attempts: doubling from the policy's first backoff up to its cap, of which
/// the upper half is random (equal jitter), so that clients turned away together come back apart.
pub fn backoff(policy: &Policy, attempts: u32, random: u64) -> Duration {
    let factor = 1u32.checked_shl(attempts.saturating_sub(1)).unwrap_or(u32::MAX);
    let half = policy.backoff.saturating_mul(factor).min(policy.max_backoff) / 2;
    let spread = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
    half.saturating_add(Duration::from_nanos(random % spread.saturating_add(1)))
}
