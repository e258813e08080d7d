//! The `$batch` JSON: steps written as `{id, method, url, headers, body, dependsOn}`, answers read back as
//! `http::Response`s. JSON bodies travel as JSON; other bodies as base64 text, as the docs ask.

use super::Step;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Whether a content type is JSON (`application/json`, `...+json`, with or without parameters).
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// One step as JSON; `depends_on` holds the ids still to wait for.
pub(crate) fn step_json(step: &Step, depends_on: &[&str]) -> Value {
    let parts = &step.parts;
    let mut url = parts.path.clone();
    if !parts.query.is_empty() {
        url.push('?');
        url.push_str(&parts.query_string());
    }
    let mut object = Map::new();
    object.insert("id".into(), Value::from(step.id.as_str()));
    object.insert("method".into(), Value::from(parts.method));
    object.insert("url".into(), Value::from(url));
    let mut headers: Map<String, Value> =
        parts.headers.iter().map(|(name, value)| (name.clone(), Value::from(value.as_str()))).collect();
    if let Some(body) = parts.body.as_ref() {
        let content_type = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .and_then(|(_, value)| value.as_str())
            .map(str::to_owned);
        let as_json = match content_type.as_deref() {
            Some(kind) if is_json(kind) => serde_json::from_slice::<Value>(body).ok(),
            Some(_) => None,
            // The service wants a content type with every body: JSON if the bytes read as JSON.
            None => {
                let value = serde_json::from_slice::<Value>(body).ok();
                let kind = if value.is_some() { "application/json" } else { "application/octet-stream" };
                headers.insert("Content-Type".into(), Value::from(kind));
                value
            }
        };
        let body =
            as_json.unwrap_or_else(|| Value::from(base64::engine::general_purpose::STANDARD.encode(body.as_slice())));
        object.insert("body".into(), body);
    }
    if !headers.is_empty() {
        object.insert("headers".into(), Value::Object(headers));
    }
    if !depends_on.is_empty() {
        object.insert("dependsOn".into(), depends_on.iter().map(|id| Value::from(*id)).collect());
    }
    Value::Object(object)
}

/// The `$batch` answer.
#[derive(Deserialize)]
struct Envelope {
    responses: Vec<Answer>,
}

/// One step's answer.
#[derive(Deserialize)]
struct Answer {
    id: Value,
    status: u16,
    #[serde(default)]
    headers: Map<String, Value>,
    #[serde(default)]
    body: Value,
}

/// Each step's answer with its id.
pub(crate) type Answers = Vec<(String, http::Response<Vec<u8>>)>;

/// Reads a `$batch` answer into `(id, response)` pairs; `Err` says why the body is not one.
pub(crate) fn read_answers(body: &[u8]) -> Result<Answers, String> {
    let envelope: Envelope = serde_json::from_slice(body)
        .map_err(|error| format!("the $batch answer is not JSON batch responses: {error}"))?;
    let mut answers = Vec::with_capacity(envelope.responses.len());
    for answer in envelope.responses {
        let id = match answer.id {
            Value::String(id) => id,
            other => other.to_string(),
        };
        let response = to_response(answer.status, &answer.headers, answer.body)
            .map_err(|error| format!("the answer to batch step `{id}`: {error}"))?;
        answers.push((id, response));
    }
    Ok(answers)
}

/// One answer as an `http::Response`: headers that are not valid HTTP are dropped; a JSON string body under a
/// content type that is not JSON is base64 (the docs' encoding for such bodies) and decoded, when it decodes.
fn to_response(status: u16, headers: &Map<String, Value>, body: Value) -> Result<http::Response<Vec<u8>>, String> {
    let mut builder = http::Response::builder().status(status);
    let mut content_type = None;
    for (name, value) in headers {
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Null => continue,
            other => other.to_string(),
        };
        let (Ok(name), Ok(value)) =
            (http::HeaderName::try_from(name.as_str()), http::HeaderValue::try_from(text.as_str()))
        else {
            continue;
        };
        if name == http::header::CONTENT_TYPE {
            content_type = Some(text);
        }
        builder = builder.header(name, value);
    }
    let bytes = match body {
        Value::Null => Vec::new(),
        Value::String(text) if !content_type.as_deref().is_some_and(is_json) => {
            base64::engine::general_purpose::STANDARD.decode(text.as_bytes()).unwrap_or_else(|_| text.into_bytes())
        }
        other => serde_json::to_vec(&other).map_err(|error| error.to_string())?,
    };
    builder.body(bytes).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RequestParts;

    fn step(parts: RequestParts) -> Step {
        Step { id: "a".into(), parts, depends_on: Vec::new(), documented: &[] }
    }

    #[test]
    fn json_bodies_stay_json_and_others_go_base64() {
        let mut parts = RequestParts::new("POST", "/me/messages".into());
        parts.set_json(&serde_json::json!({"subject": "hi"})).expect("a JSON body");
        let json = step_json(&step(parts), &["b"]);
        assert_eq!(json["body"], serde_json::json!({"subject": "hi"}));
        assert_eq!(json["dependsOn"], serde_json::json!(["b"]));

        let mut parts = RequestParts::new("PUT", "/me/photo/$value".into());
        parts.set_header("Content-Type", "image/png");
        parts.body = Some(vec![0x89, b'P', b'N', b'G']);
        let json = step_json(&step(parts), &[]);
        assert_eq!(json["body"], "iVBORw==");
        assert!(json.get("dependsOn").is_none());
    }

    #[test]
    fn base64_answers_are_decoded_only_when_not_json() {
        let headers: Map<String, Value> = serde_json::from_str(r#"{"Content-Type": "image/png"}"#).unwrap_or_default();
        let response = to_response(200, &headers, Value::from("iVBORw==")).ok();
        assert_eq!(response.map(http::Response::into_body), Some(vec![0x89, b'P', b'N', b'G']));
        let headers: Map<String, Value> =
            serde_json::from_str(r#"{"Content-Type": "application/json; odata.metadata=minimal"}"#).unwrap_or_default();
        let response = to_response(200, &headers, Value::from("iVBORw==")).ok();
        assert_eq!(response.map(http::Response::into_body), Some(b"\"iVBORw==\"".to_vec()));
    }
}
