//! The replay tests: one per documented example, built through the typed builder from the example's own values.

use super::ident;
use crate::resolve::values::{BodyPlan, FieldValue, ValuePlan};
use crate::resolve::{Example, Operation, ResponseBody, RustType, Untyped, Version};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use serde_json::Value;

/// The tests of a version's operations, each formatted on its own (in parallel, joined in order). `krate` is
/// the path of the generated code (`generated`, `crate::graph`).
pub fn tests(version: &Version, krate: &str, gate: bool) -> Result<Vec<String>, super::FormatError> {
    let examples: Vec<(&Operation, &Example)> = version
        .operations
        .iter()
        .flat_map(|operation| operation.examples.iter().map(move |example| (operation, example)))
        .collect();
    examples
        .par_iter()
        .map(|(operation, example)| {
            let krate: TokenStream = krate.parse().unwrap_or_else(|_| quote!(crate));
            let module = ident(&version.module);
            super::format::format_items("tests/replay.rs", test(&module, operation, example, &krate, gate))
        })
        .collect()
}

fn test(
    module: &proc_macro2::Ident,
    operation: &Operation,
    example: &Example,
    krate: &TokenStream,
    gate: bool,
) -> TokenStream {
    let test_name = ident(&example.test_name);
    let operation_module = ident(&operation.module);
    let type_name = ident(&operation.type_name);
    let models = quote!(#krate::#module::models);
    let constructor = &operation.constructors[example.constructor];
    let constructor_name = ident(&constructor.name);
    let args = &example.args;
    let prefix = example.prefix.as_ref().map(|prefix| quote!(.under(#prefix)));
    let body = match &example.body_plan {
        Some(BodyPlan::Typed(value)) => {
            let value = value_expr(value, &models, krate);
            quote!(.body(&#value).expect("the body serialises"))
        }
        Some(BodyPlan::Raw(text)) => quote!(.raw_body(#text.as_bytes().to_vec())),
        None => quote!(),
    };
    let setters = example.setter_headers.iter().map(|(setter, value)| {
        let setter = ident(setter);
        quote!(.#setter(#value))
    });
    let others = example.other_headers.iter().map(|(name, value)| quote!(.header(#name, #value)));
    let queries = example.query_calls.iter().map(|call| {
        let value = &call.value;
        match &call.setter {
            Some(setter) => {
                let setter = ident(setter);
                quote!(.#setter(#value))
            }
            None => {
                let name = &call.name;
                quote!(.query(#name, #value))
            }
        }
    });
    let exchange = exchange(operation, example);
    let counts = example.suffix.iter().any(|segment| segment == "$count");
    let suffix = example.suffix.iter().map(|segment| match segment.as_str() {
        "$count" => quote!(.count_only()),
        cast => quote!(.cast(#cast)),
    });
    let response_checks = example.response.as_ref().filter(|_| counts).map(|response| {
        // `/$count` answers a bare number; where the docs show none (GD0707), only the request is checked.
        let documented = response.body_text.trim();
        if documented.is_empty() {
            return quote!();
        }
        quote! {
            let parsed = #krate::runtime::Count::<Op>::parse_response(exchange.response()).expect("the documented count reads");
            assert_eq!(parsed.to_string(), #documented);
            let replayed = exchange.replay(operation.clone()).expect("the exchange replays over HTTP");
            assert_eq!(replayed, parsed, "the count read over HTTP equals the sans-IO one");
        }
    });
    let response_checks = response_checks.or_else(|| example.response.as_ref().map(|response| {
        if !operation.responses.iter().any(|documented| documented.status == response.status) {
            // A documented error: it reads as an error with its status, sans-IO and over HTTP alike.
            let status = proc_macro2::Literal::u16_unsuffixed(response.status);
            return quote! {
                let error = Op::parse_response(exchange.response()).expect_err("a documented error status");
                assert_eq!(error.status(), Some(#status), "{error}");
                let replayed = exchange.replay(operation.clone()).expect_err("the error replays over HTTP");
                assert_eq!(replayed.status(), Some(#status), "{replayed}");
            };
        }
        let variant = ident(&response.variant);
        let documented = operation.responses.iter().find(|documented| documented.status == response.status).map(|documented| &documented.body);
        let checks = match documented {
            Some(ResponseBody::Json(ty)) => {
                let fields = response.typed_fields.iter().map(|field| {
                    let field = ident(field);
                    let message = format!("the documented `{field}` is read into its typed field");
                    quote!(assert!(body.#field.is_some(), #message);)
                });
                let fields = if matches!(ty, RustType::Model(_)) { quote!(#(#fields)*) } else { quote!() };
                let untyped = untyped_checks(&response.untyped, ty);
                // The round trip needs a documented JSON body; an empty one reads as the empty value.
                let round_trip = response.body_json.is_some().then(|| quote!(support::assert_round_trip(body, exchange.response_body);));
                quote! {
                    Response::#variant(body) => {
                        #fields
                        #untyped
                        #round_trip
                    }
                }
            }
            Some(ResponseBody::Location) => quote! {
                Response::#variant { location } => {
                    let documented = exchange.response_headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("location")).map(|(_, value)| value.to_string());
                    assert_eq!(location, &documented);
                }
            },
            Some(ResponseBody::Bytes) => quote! {
                Response::#variant(body) => assert_eq!(body.as_slice(), exchange.response_body.as_bytes()),
            },
            _ => quote!(Response::#variant => {}),
        };
        quote! {
            let parsed = Op::parse_response(exchange.response()).expect("the documented response reads");
            #[allow(unreachable_patterns)]
            match &parsed {
                #checks
                other => panic!("expected the {} variant, got {other:?}", stringify!(#variant)),
            }
            let replayed = exchange.replay(operation.clone()).expect("the exchange replays over HTTP");
            assert_eq!(replayed, parsed, "the response read over HTTP equals the sans-IO one");
        }
    }));
    // No documented response: the exchange answers 204, which reads as a success whatever the variants.
    let no_response = example.response.is_none().then(|| {
        quote! {
            exchange.replay(operation.clone()).expect("the exchange replays over HTTP");
        }
    });
    let variant_checked = example
        .response
        .as_ref()
        .is_some_and(|response| operation.responses.iter().any(|documented| documented.status == response.status));
    let use_response = variant_checked.then(|| quote!(use #krate::#module::#operation_module::Response;));
    let docs = super::doc(&format!("Replays the example at {}:{}.", operation.page, example.source_line));
    let cfg = super::cfg(&[operation.feature.as_str()], gate);
    quote! {
        #docs
        #cfg
        #[test]
        fn #test_name() {
            use #krate::runtime::Operation as _;
            #use_response
            use #krate::#module::#operation_module::#type_name as Op;
            let exchange = #exchange;
            let operation = Op::#constructor_name(#(#args),*) #prefix #body #(#setters)* #(#others)* #(#queries)* #(#suffix)*;
            let request = operation.clone().into_request(&#krate::runtime::BaseUrl::Custom(format!("https://graph.microsoft.com/{}", exchange.api_version))).expect("the request builds");
            exchange.assert_http_request(&request);
            #response_checks
            #no_response
        }
    }
}

fn exchange(operation: &Operation, example: &Example) -> TokenStream {
    let method = &operation.method;
    let api_version = &example.api_version;
    let path = &example.path;
    let query = example.query.iter().map(|(name, value)| quote!((#name, #value)));
    let headers = example.expected_headers.iter().map(|(name, value)| quote!((#name, #value)));
    let body = option(example.body.as_ref().map(Value::to_string));
    let raw_body = option(example.raw_body.clone());
    let (status, response_headers, response_body) = match &example.response {
        Some(response) => (response.status, response.headers.clone(), response.body_text.clone()),
        None => (204, Vec::new(), String::new()),
    };
    let response_headers = response_headers.iter().map(|(name, value)| quote!((#name, #value)));
    quote! {
        support::Exchange {
            method: #method,
            api_version: #api_version,
            path: #path,
            query: &[#(#query),*],
            headers: &[#(#headers),*],
            body: #body,
            raw_body: #raw_body,
            status: #status,
            response_headers: &[#(#response_headers),*],
            response_body: #response_body,
        }
    }
}

fn option(text: Option<String>) -> TokenStream {
    match text {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

/// The expression a value plan describes, with models under `path`.
fn value_expr(value: &ValuePlan, path: &TokenStream, krate: &TokenStream) -> TokenStream {
    match value {
        ValuePlan::String(text) => quote!(#text.to_owned()),
        ValuePlan::Bool(flag) => quote!(#flag),
        ValuePlan::I32(number) => quote!(#number),
        ValuePlan::I64(number) => quote!(#number),
        ValuePlan::F64(number) => quote!(#number),
        ValuePlan::Enum { name, variant, text } => {
            let enum_name = ident(name);
            match variant {
                Some(variant) => {
                    let variant = ident(variant);
                    quote!(#path::#enum_name::#variant)
                }
                None => quote!(#path::#enum_name::Other(#text.to_owned())),
            }
        }
        ValuePlan::Vec(items) => {
            let items = items.iter().map(|item| value_expr(item, path, krate));
            quote!(vec![#(#items),*])
        }
        ValuePlan::Model { name, fields, additional } => {
            let type_name = ident(name);
            let fields = fields.iter().map(|field| {
                let field_name = ident(&field.rust_name);
                let boxed = |value: &ValuePlan| {
                    let value = value_expr(value, path, krate);
                    if field.boxed {
                        quote!(Box::new(#value))
                    } else {
                        value
                    }
                };
                match &field.value {
                    FieldValue::Some(value) => {
                        let value = boxed(value);
                        quote!(#field_name: Some(#value))
                    }
                    FieldValue::Set(value) => {
                        let value = boxed(value);
                        quote!(#field_name: #krate::runtime::Field::Value(#value))
                    }
                    FieldValue::Null => quote!(#field_name: #krate::runtime::Field::Null),
                }
            });
            let additional = additional.iter().map(|(key, text)| quote!((#key.to_owned(), support::json(#text))));
            let additional = additional.collect::<Vec<_>>();
            let additional =
                (!additional.is_empty()).then(|| quote!(additional: [#(#additional),*].into_iter().collect(),));
            quote!(#path::#type_name { #(#fields,)* #additional ..Default::default() })
        }
        ValuePlan::Read(text) => quote!(support::typed(#text)),
        ValuePlan::Variant { union, variant, value } => {
            let (union, variant) = (ident(union), ident(variant));
            let value = value_expr(value, path, krate);
            quote!(#path::#union::#variant(#value))
        }
        ValuePlan::Json(text) => quote!(support::json(#text)),
    }
}

/// Asserts that exactly the members the resolver expects land in catch-all maps: a documented property read into
/// `additional` (a field renamed, a collection read as one item) turns the test red.
fn untyped_checks(untyped: &Untyped, ty: &RustType) -> TokenStream {
    // A union's members are behind `additional()`, a model's in its `additional` field.
    let union = match ty {
        RustType::Page(inner) => matches!(inner.as_ref(), RustType::Union(_)),
        other => matches!(other, RustType::Union(_)),
    };
    let additional = |value: TokenStream| if union { quote!(#value.additional()) } else { quote!(&#value.additional) };
    match untyped {
        Untyped::Unchecked => quote!(),
        Untyped::Model(keys) => {
            let additional = additional(quote!(body));
            quote!(support::assert_untyped(#additional, &[#(#keys),*]);)
        }
        Untyped::Page(items) => {
            let additional = additional(quote!(item));
            let count = items.len();
            let items = items.iter().map(|keys| quote!(&[#(#keys),*]));
            quote! {
                assert_eq!(body.items.len(), #count, "the page holds the documented items");
                let expected: [&[&str]; #count] = [#(#items),*];
                for (item, keys) in body.items.iter().zip(expected) {
                    support::assert_untyped(#additional, keys);
                }
            }
        }
    }
}
