//! Sending a batch, sans-IO: [`Run::poll`] says what to do next (send a request, wait, or stop),
//! [`Run::receive`] takes the answer to the request just sent, [`Run::finish`] gives the steps' answers.

use super::plan::{pack, Plan};
use super::{wire, BatchError, Step, StepKey};
use crate::retry::{decide, Decision, Outcome, Policy};
use crate::{BaseUrl, Error, Operation};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::time::{Duration, SystemTime};

/// What a driver does next.
// The request is handed out once per `$batch` request and moved on at once: boxing it would only add a step.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Next {
    /// Send this request (with the client's token) and pass its answer, or its failure, to [`Run::receive`].
    Send(http::Request<Vec<u8>>),
    /// Sleep this long (throttled steps asked for it), then poll again.
    Wait(Duration),
    /// Every step has its answer: call [`Run::finish`].
    Done,
}

/// One step's last answer: the service's response, or why there is none.
#[derive(Debug)]
enum Answer {
    Response(http::Response<Vec<u8>>),
    Failed(String),
}

/// A batch being sent: the state between requests.
#[derive(Debug)]
pub struct Run {
    url: String,
    steps: Vec<Step>,
    plan: Plan,
    policy: Policy,
    answers: Vec<Option<Answer>>,
    /// Times each step was sent.
    attempts: Vec<u32>,
    /// This round's requests still to send, as step indices.
    queue: VecDeque<Vec<usize>>,
    /// The steps of this round (sent or queued), for deciding what to send again.
    round: Vec<usize>,
    in_flight: Option<Vec<usize>>,
    requests_sent: usize,
}

impl Run {
    pub(super) fn new(base: &BaseUrl, steps: Vec<Step>, plan: Plan, policy: Policy) -> Run {
        let all: Vec<usize> = (0..steps.len()).collect();
        let queue = pack(&all, &plan).into();
        let count = steps.len();
        Run {
            url: format!("{}/$batch", base.as_str()),
            steps,
            plan,
            policy,
            answers: (0..count).map(|_| None).collect(),
            attempts: vec![0; count],
            queue,
            round: all,
            in_flight: None,
            requests_sent: 0,
        }
    }

    /// What to do next. `elapsed` is the time since the batch started, `now` the wall clock (for an HTTP-date
    /// `Retry-After`), `random` any random number (the backoff's jitter).
    pub fn poll(&mut self, elapsed: Duration, now: SystemTime, random: u64) -> Next {
        if let Some(lost) = self.in_flight.take() {
            self.fail(&lost, "no answer was received for the request that carried this step");
        }
        loop {
            if let Some(request) = self.queue.pop_front() {
                match self.request(&request) {
                    Ok(http) => {
                        for &step in &request {
                            self.attempts[step] += 1;
                        }
                        self.requests_sent += 1;
                        self.in_flight = Some(request);
                        return Next::Send(http);
                    }
                    Err(error) => {
                        self.fail(&request, &error.to_string());
                        continue;
                    }
                }
            }
            let (again, wait) = self.to_send_again(elapsed, now, random);
            if again.is_empty() {
                return Next::Done;
            }
            self.queue = pack(&again, &self.plan).into();
            self.round = again;
            if !wait.is_zero() {
                return Next::Wait(wait);
            }
        }
    }

    /// Takes the answer to the request [`Run::poll`] last handed out (or the error sending it).
    pub fn receive(&mut self, answer: Result<http::Response<Vec<u8>>, Error>) {
        let Some(request) = self.in_flight.take() else { return };
        let response = match answer {
            Ok(response) => response,
            Err(error) => return self.fail(&request, &error.to_string()),
        };
        if response.status() != http::StatusCode::OK {
            // The whole request was refused (throttled past the client's retries, say): each step gets that answer.
            for &step in &request {
                self.answers[step] = Some(Answer::Response(copy(&response)));
            }
            return;
        }
        let mut answers: HashMap<String, http::Response<Vec<u8>>> = match wire::read_answers(response.body()) {
            Ok(answers) => answers.into_iter().collect(),
            Err(why) => return self.fail(&request, &why),
        };
        for &step in &request {
            let id = &self.steps[step].id;
            self.answers[step] = Some(match answers.remove(id) {
                Some(response) => Answer::Response(response),
                None => Answer::Failed(format!("the $batch answer has no response for step `{id}`")),
            });
        }
    }

    /// The number of `$batch` requests handed out so far.
    pub fn requests_sent(&self) -> usize {
        self.requests_sent
    }

    /// The steps' answers.
    pub fn finish(self) -> BatchResponses {
        let requests_sent = self.requests_sent;
        let answers = self
            .steps
            .into_iter()
            .zip(self.answers)
            .map(|(step, answer)| (step.id, answer.unwrap_or_else(|| Answer::Failed("never sent".into()))))
            .collect();
        BatchResponses { answers, requests_sent }
    }

    fn fail(&mut self, steps: &[usize], why: &str) {
        for &step in steps {
            self.answers[step] = Some(Answer::Failed(why.to_owned()));
        }
    }

    /// The `$batch` request for some steps; a `dependsOn` on a step outside them (answered earlier) is left out.
    fn request(&self, steps: &[usize]) -> Result<http::Request<Vec<u8>>, BatchError> {
        let requests: Vec<serde_json::Value> = steps
            .iter()
            .map(|&step| {
                let depends_on: Vec<&str> = self.plan.deps[step]
                    .iter()
                    .filter(|on| steps.contains(on))
                    .map(|&on| self.steps[on].id.as_str())
                    .collect();
                wire::step_json(&self.steps[step], &depends_on)
            })
            .collect();
        let body = serde_json::to_vec(&serde_json::json!({ "requests": requests }))
            .map_err(|error| BatchError::Request(Box::new(Error::Serialize(error))))?;
        http::Request::builder()
            .method("POST")
            .uri(&self.url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::ACCEPT, "application/json")
            .body(body)
            .map_err(|error| BatchError::Request(Box::new(Error::Http(error))))
    }

    /// The steps of the round just ended to send again, and the longest wait they asked for: steps throttled
    /// (or answered a status to retry) within the policy, and the steps that failed with `424` because one of
    /// those failed.
    fn to_send_again(&self, elapsed: Duration, now: SystemTime, random: u64) -> (Vec<usize>, Duration) {
        let mut round = self.round.clone();
        round.sort_by_key(|&step| self.plan.rank[step]);
        let mut again = BTreeSet::new();
        let mut wait = Duration::ZERO;
        for step in round {
            let Some(Answer::Response(response)) = &self.answers[step] else { continue };
            let status = response.status().as_u16();
            if status == 424 && self.plan.deps[step].iter().any(|on| again.contains(on)) {
                again.insert(step);
                continue;
            }
            let outcome = Outcome {
                method: self.steps[step].parts.method,
                status,
                headers: response.headers(),
                attempts: self.attempts[step],
                elapsed,
                now,
                documented: self.steps[step].documented,
            };
            if let Decision::Retry(asked) = decide(&outcome, &self.policy, random) {
                again.insert(step);
                wait = wait.max(asked);
            }
        }
        (again.into_iter().collect(), wait)
    }
}

/// A copy of a response's status, headers and body.
fn copy(response: &http::Response<Vec<u8>>) -> http::Response<Vec<u8>> {
    let mut copy = http::Response::new(response.body().clone());
    *copy.status_mut() = response.status();
    *copy.headers_mut() = response.headers().clone();
    copy
}

/// Each step's answer, by id.
#[derive(Debug)]
pub struct BatchResponses {
    answers: HashMap<String, Answer>,
    requests_sent: usize,
}

impl BatchResponses {
    /// The step's answer read by its operation's own `parse_response`: its typed response, or its typed error.
    /// A step with no answer (the request carrying it failed, or the answer left it out) is an
    /// [`Error::Transport`] saying why.
    pub fn get<O: Operation>(&self, key: &StepKey<O>) -> Result<O::Response, Error> {
        match self.answers.get(key.id()) {
            Some(Answer::Response(response)) => O::parse_response(copy(response)),
            Some(Answer::Failed(why)) => Err(Error::Transport(format!("batch step `{}`: {why}", key.id()).into())),
            None => Err(Error::Transport(format!("no step `{}` in this batch", key.id()).into())),
        }
    }

    /// The raw answer to step `id`, if it has one.
    pub fn response(&self, id: &str) -> Option<http::Response<Vec<u8>>> {
        match self.answers.get(id)? {
            Answer::Response(response) => Some(copy(response)),
            Answer::Failed(_) => None,
        }
    }

    /// The status of step `id`'s answer, if it has one.
    pub fn status(&self, id: &str) -> Option<u16> {
        match self.answers.get(id)? {
            Answer::Response(response) => Some(response.status().as_u16()),
            Answer::Failed(_) => None,
        }
    }

    /// The number of `$batch` requests sent, retries included.
    pub fn requests_sent(&self) -> usize {
        self.requests_sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Batch;
    use crate::{error_for, RequestParts};

    /// An operation that reads any 200 as its body's text.
    struct Get(RequestParts);

    impl Operation for Get {
        type Response = String;
        const RETRY_STATUSES: &'static [u16] = &[];
        fn parts(&mut self) -> &mut RequestParts {
            &mut self.0
        }
        fn into_parts(self) -> RequestParts {
            self.0
        }
        fn parse_response(response: http::Response<Vec<u8>>) -> Result<String, Error> {
            match response.status().as_u16() {
                200 => Ok(String::from_utf8_lossy(response.body()).into_owned()),
                _ => Err(error_for(response)),
            }
        }
    }

    fn get(path: &str) -> Get {
        Get(RequestParts::new("GET", path.into()))
    }

    fn answer(status: u16, body: &str, retry_after: &'static str) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(body.as_bytes().to_vec());
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or_default();
        response.headers_mut().insert(http::header::RETRY_AFTER, http::HeaderValue::from_static(retry_after));
        response
    }

    /// Drives `run`, answering each request with `serve`; counts the requests and the time asked to wait.
    fn drive(
        mut run: Run,
        mut serve: impl FnMut() -> Result<http::Response<Vec<u8>>, Error>,
    ) -> (BatchResponses, usize, Duration) {
        let mut waited = Duration::ZERO;
        let mut sent = 0;
        loop {
            match run.poll(waited, SystemTime::now(), 0) {
                Next::Send(_) => {
                    sent += 1;
                    run.receive(serve());
                }
                Next::Wait(wait) => waited += wait,
                Next::Done => return (run.finish(), sent, waited),
            }
        }
    }

    #[test]
    fn a_whole_request_refused_answers_each_step_and_is_sent_again_within_the_policy() {
        let mut batch = Batch::new();
        batch.retry.max_attempts = 3;
        let a = batch.add(get("/a")).expect("added");
        let b = batch.add(get("/b")).expect("added");
        let run = batch.start(&BaseUrl::V1).expect("valid");
        let (answers, sent, waited) = drive(run, || Ok(answer(503, "busy", "2")));
        assert_eq!(sent, 3, "three attempts, then the steps keep their 503");
        assert_eq!(waited, Duration::from_secs(4));
        assert_eq!(answers.get(&a).map_err(|error| error.status()).expect_err("503"), Some(503));
        assert_eq!(answers.status(b.id()), Some(503));
    }

    #[test]
    fn a_retry_after_beyond_the_budget_is_not_waited_for() {
        let mut batch = Batch::new();
        batch.retry.max_total = Duration::from_secs(10);
        let a = batch.add(get("/a")).expect("added");
        let run = batch.start(&BaseUrl::V1).expect("valid");
        let (answers, sent, waited) = drive(run, || Ok(answer(429, "slow down", "30")));
        assert_eq!((sent, waited), (1, Duration::ZERO));
        assert_eq!(answers.status(a.id()), Some(429));
    }

    #[test]
    fn a_failed_request_fails_its_steps_with_the_reason() {
        let mut batch = Batch::new();
        let a = batch.add(get("/a")).expect("added");
        let run = batch.start(&BaseUrl::V1).expect("valid");
        let (answers, sent, _) = drive(run, || Err(Error::Transport("connection reset".into())));
        assert_eq!(sent, 1, "a transport failure is the client's to retry, not the batch's");
        let error = answers.get(&a).expect_err("no answer");
        assert!(error.to_string().contains("connection reset"), "{error}");
    }

    #[test]
    fn the_request_posts_to_the_batch_url_as_json() {
        let mut batch = Batch::new();
        batch.add(get("/me")).expect("added");
        let mut run = batch.start(&BaseUrl::Custom("http://localhost:1/v1.0/".into())).expect("valid");
        let Next::Send(request) = run.poll(Duration::ZERO, SystemTime::now(), 0) else { panic!("a request first") };
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "http://localhost:1/v1.0/$batch");
        assert_eq!(request.headers()[http::header::CONTENT_TYPE], "application/json");
        let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap_or_default();
        assert_eq!(body, serde_json::json!({ "requests": [{ "id": "1", "method": "GET", "url": "/me" }] }));
    }
}
