//! Response and body shapes shared by operations: collection pages, single-item wrappers, derived types, fields that PATCH can clear.

use serde::{Deserialize, Serialize};

/// One page of a collection: its items, and the links to the next page and to the delta state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// The items of this page (`value`).
    #[serde(rename = "value")]
    pub items: Vec<T>,
    /// The URL of the next page (`@odata.nextLink`), while there is one.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// The URL to ask for later changes (`@odata.deltaLink`), on a delta query's last page.
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    /// The number of items in the whole collection (`@odata.count`), when `$count=true` asked for it.
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// Other members of the page (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { items: Vec::new(), next_link: None, delta_link: None, count: None, additional: Default::default() }
    }
}

/// A body the docs show both as one item and as a page of them (an address that filters beside one that names an
/// item): a page when it has a `value` array, else the item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged, bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub enum OneOrPage<T> {
    /// A page of items.
    Page(Page<T>),
    /// One item.
    One(T),
}

impl<T> Default for OneOrPage<T> {
    fn default() -> Self {
        OneOrPage::Page(Page::default())
    }
}

/// A primitive value in OData's wrapper, `{"value": ...}`: what a function returning a string or a number answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Single<T> {
    /// The value (`value`).
    pub value: T,
    /// Other members (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The `@odata.type` of a JSON object without `#` and its namespace (`microsoft.graph.`), in ASCII lower case: how an enum of
/// derived types (`AnyAttachment`) picks its variant. Empty when there is none.
pub fn derived_type(value: &serde_json::Value) -> String {
    let tag = value.get("@odata.type").and_then(serde_json::Value::as_str).unwrap_or_default();
    tag.rsplit('.').next().unwrap_or_default().trim_start_matches('#').to_ascii_lowercase()
}

/// Writes a derived type's value with `@odata.type` set to `tag` unless it has one: the service tells derived
/// types apart by it.
pub fn serialize_derived<T: Serialize, S: serde::Serializer>(
    value: &T,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Some(members) = json.as_object_mut() {
        members.entry("@odata.type").or_insert_with(|| tag.into());
    }
    json.serialize(serializer)
}

/// A property of an update (`PATCH`) body: left out, set to `null` (which clears it), or set to a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Field<T> {
    /// Not sent: the property keeps its value.
    #[default]
    Absent,
    /// Sent as `null`: the property is cleared.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Field<T> {
    /// Whether the property is left out of the body (serde's `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// The value, if one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(value) => value.serialize(serializer),
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A present member is a value or `null`; an absent one is `Default` (serde's `default`).
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Field::Null, Field::Value))
    }
}
