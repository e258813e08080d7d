//! One struct per model: `Option` fields renamed to their wire names, unknown properties kept in `additional`.

use super::{cfg, doc, ident, rust_type};
use crate::resolve::{EnumModel, Model, RustType, Union, Version};
use proc_macro2::TokenStream;
use quote::quote;

/// The `models` module of a version.
pub fn models(version: &Version, gate: bool) -> TokenStream {
    let structs = version.models.iter().map(|found| model(found, gate));
    let unions = version.unions.iter().map(|found| union(found, version, gate));
    let enums = version.enums.iter().map(|found| enumeration(found, gate));
    quote! {
        /// Types from the resource and enum pages.
        pub mod models {
            #[allow(unused_imports)]
            use super::super::runtime;
            #(#structs)*
            #(#unions)*
            #(#enums)*
        }
    }
}

/// An enum: a variant per documented member, renamed to its wire value, and `Other` keeping any other value.
fn enumeration(found: &EnumModel, gate: bool) -> TokenStream {
    let name = ident(&found.rust_name);
    let docs = doc(&format!("The `{}` enum.\n\nFrom `{}`.", found.wire_name, found.page));
    let features: Vec<&str> =
        if found.features.is_empty() { vec!["full"] } else { found.features.iter().map(String::as_str).collect() };
    let cfg = cfg(&features, gate);
    let variants = found.members.iter().map(|(wire, variant)| {
        let variant = ident(variant);
        quote!(#[serde(rename = #wire)] #variant,)
    });
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, runtime::serde::Serialize, runtime::serde::Deserialize)]
        #[serde(crate = "runtime::serde")]
        pub enum #name {
            #(#variants)*
            /// A value the docs do not list, kept as sent.
            #[serde(untagged)]
            Other(String),
        }
    }
}

fn model(model: &Model, gate: bool) -> TokenStream {
    let name = ident(&model.rust_name);
    let open = if model.open { "\n\nAn open type: properties beyond these are kept in `additional`." } else { "" };
    let docs =
        doc(&format!("`{}`: {}{open}\n\nFrom `{}`.", model.wire_name, model.description, model.pages.join("`, `")));
    let fields = model.fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let wire = &field.wire_name;
        let ty = rust_type(&field.ty, quote!(super::models));
        // Boxed: navigation properties make types refer to themselves (`driveItem.parentReference.driveItem`).
        let ty = if matches!(field.ty, RustType::Model(_) | RustType::Union(_)) { quote!(Box<#ty>) } else { ty };
        let docs = doc(&field.description);
        if field.clearable {
            return quote! {
                #docs
                #[serde(rename = #wire, default, skip_serializing_if = "runtime::Field::is_absent")]
                pub #field_name: runtime::Field<#ty>,
            };
        }
        quote! {
            #docs
            #[serde(rename = #wire, skip_serializing_if = "Option::is_none")]
            pub #field_name: Option<#ty>,
        }
    });
    // Compiled when an operation that uses it is; a model no operation uses comes with `full`.
    let features: Vec<&str> =
        if model.features.is_empty() { vec!["full"] } else { model.features.iter().map(String::as_str).collect() };
    let cfg = cfg(&features, gate);
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, Default, PartialEq, runtime::serde::Serialize, runtime::serde::Deserialize)]
        #[serde(crate = "runtime::serde")]
        pub struct #name {
            #(#fields)*
            /// Properties the docs do not list, kept so that nothing sent or received is lost.
            #[serde(flatten)]
            pub additional: std::collections::BTreeMap<String, runtime::serde_json::Value>,
        }
    }
}

/// A base type's derived types as one enum: read by `@odata.type` (the base keeps any other), written with it.
fn union(found: &Union, version: &Version, gate: bool) -> TokenStream {
    let name = ident(&found.rust_name);
    let base = ident(&found.base);
    let tags: Vec<&str> = found.variants.iter().map(|(tag, _)| tag.as_str()).collect();
    let variants: Vec<_> = found.variants.iter().map(|(_, model)| ident(model)).collect();
    let lower: Vec<String> = tags.iter().map(|tag| crate::resolve::model::type_key(tag)).collect();
    let docs = doc(&format!(
        "`{}` or a type derived from it, by `@odata.type`; a derived type the docs do not list reads as `{}` with its \
         members in `additional`.",
        found.base, found.base
    ));
    let variant_docs = tags.iter().map(|tag| doc(&format!("`{tag}`.")));
    let features = version
        .models
        .iter()
        .find(|model| model.rust_name == found.base)
        .map(|model| model.features.iter().map(String::as_str).collect::<Vec<_>>())
        .filter(|features| !features.is_empty())
        .unwrap_or_else(|| vec!["full"]);
    let cfg = cfg(&features, gate);
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variant_docs #variants(#variants),)*
            /// The base type, or a derived type the docs do not list.
            #base(#base),
        }
        #cfg
        impl Default for #name {
            fn default() -> Self {
                Self::#base(Default::default())
            }
        }
        #cfg
        impl #name {
            /// The members no typed field reads.
            pub fn additional(&self) -> &std::collections::BTreeMap<String, runtime::serde_json::Value> {
                match self {
                    #(Self::#variants(value) => &value.additional,)*
                    Self::#base(value) => &value.additional,
                }
            }
        }
        #cfg
        impl runtime::serde::Serialize for #name {
            fn serialize<S: runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(value) => runtime::serialize_derived(value, #tags, serializer),)*
                    Self::#base(value) => runtime::serde::Serialize::serialize(value, serializer),
                }
            }
        }
        #cfg
        impl<'de> runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <runtime::serde_json::Value as runtime::serde::Deserialize>::deserialize(deserializer)?;
                let read = <D::Error as runtime::serde::de::Error>::custom;
                Ok(match runtime::derived_type(&value).as_str() {
                    #(#lower => Self::#variants(runtime::serde_json::from_value(value).map_err(read)?),)*
                    _ => Self::#base(runtime::serde_json::from_value(value).map_err(read)?),
                })
            }
        }
    }
}
