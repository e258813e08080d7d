//! One module per operation: the builder, its constructors and setters, its response enum and parser.

use super::{cfg, doc, ident, rust_type};
use crate::resolve::{Operation, Piece, ResponseBody};
use compact_str::CompactString;
use proc_macro2::TokenStream;
use quote::quote;

/// The module of one operation.
pub fn operation(operation: &Operation, gate: bool) -> TokenStream {
    let module = ident(&operation.module);
    let name = ident(&operation.type_name);
    let method = &operation.method;
    let docs = doc(&operation_doc(operation));
    let module_docs = doc(&format!("{} (`{}`).", operation.title, operation.type_name));
    let permissions = permissions(&operation.permissions);
    let constructors = operation.constructors.iter().enumerate().map(|(index, constructor)| {
        let function = ident(&constructor.name);
        let params: Vec<_> = constructor.params.iter().map(|param| ident(param)).collect();
        let pieces = constructor.pieces.iter().map(|piece| match piece {
            Piece::Literal(text) => quote!(Literal(#text)),
            Piece::Segment(index) => {
                let param = &params[*index];
                quote!(Segment(#param))
            }
            Piece::ItemPath(index) => {
                let param = &params[*index];
                quote!(ItemPath(#param))
            }
            Piece::Quoted(index) => {
                let param = &params[*index];
                quote!(Quoted(#param))
            }
        });
        let own = operation.path_permissions.get(index).and_then(Option::as_ref);
        let see = own.map_or(String::new(), |own| format!("\n\nPermissions: `Self::{}`.", own.constant));
        let docs = doc(&format!("`{method} {}`{see}", constructor.template));
        let allow = params.is_empty().then(|| quote!(#[allow(clippy::new_without_default)]));
        let constant = own.map(|own| {
            let name = ident(&own.constant);
            let docs = doc(&format!(
                "The permissions for `{}` (\"{}\"), least privileged first.",
                constructor.template, own.label
            ));
            let value = self::permissions(&own.permissions);
            quote!(#docs pub const #name: runtime::Permissions = #value;)
        });
        quote! {
            #constant
            #docs
            #allow
            pub fn #function(#(#params: &str),*) -> Self {
                Self(runtime::RequestParts::at(#method, &[#(#pieces),*]))
            }
        }
    });
    let setters = operation.headers.iter().map(|header| {
        let function = ident(&header.rust_name);
        let wire = &header.wire_name;
        let description = header.description.trim();
        let required =
            if header.required && !description.to_lowercase().contains("required") { " Required." } else { "" };
        let docs = doc(&format!("The `{wire}` header: {description}{required}"));
        quote! {
            #docs
            pub fn #function(mut self, value: impl Into<String>) -> Self {
                self.0.set_header(#wire, value);
                self
            }
        }
    });
    let query_setters = operation.query_parameters.iter().map(|parameter| {
        let function = ident(&parameter.rust_name);
        let wire = &parameter.wire_name;
        let docs = doc(&format!("The `{wire}` query parameter: {}", parameter.description.trim()));
        quote! {
            #docs
            pub fn #function(mut self, value: impl Into<String>) -> Self {
                self.0.set_query(#wire, value);
                self
            }
        }
    });
    let body = operation.body.as_ref().map(|ty| {
        let ty = rust_type(ty, quote!(super::models));
        quote! {
            /// The request body, sent as JSON.
            pub fn body(mut self, body: &#ty) -> Result<Self, runtime::Error> {
                self.0.set_json(body)?;
                Ok(self)
            }
        }
    });
    let variants = operation.responses.iter().map(|variant| {
        let name = ident(&variant.name);
        let status = variant.status;
        let docs = doc(&format!("HTTP {status}."));
        match &variant.body {
            ResponseBody::None => quote!(#docs #name,),
            ResponseBody::Json(ty) => {
                let ty = rust_type(ty, quote!(super::models));
                quote!(#docs #name(#ty),)
            }
            ResponseBody::Location => quote!(#docs #name { location: Option<String> },),
            ResponseBody::Bytes => quote!(#docs #name(Vec<u8>),),
        }
    });
    let arms = operation.responses.iter().map(|variant| {
        let name = ident(&variant.name);
        let status = proc_macro2::Literal::u16_unsuffixed(variant.status);
        match &variant.body {
            ResponseBody::None => quote!(#status => Ok(Response::#name),),
            ResponseBody::Json(_) => quote!(#status => Ok(Response::#name(runtime::json(#status, response.body())?)),),
            ResponseBody::Location => {
                quote!(#status => Ok(Response::#name { location: runtime::header(&response, "Location") }),)
            }
            ResponseBody::Bytes => quote!(#status => Ok(Response::#name(response.into_body())),),
        }
    });
    let retry = &operation.retry_statuses;
    let paged = paged(operation, &name);
    let cfg = cfg(&[operation.feature.as_str()], gate);
    quote! {
        #module_docs
        #cfg
        pub mod #module {
            use super::super::runtime::{self, Piece::*};

            #docs
            #[derive(Debug, Clone, PartialEq)]
            pub struct #name(runtime::RequestParts);

            impl #name {
                /// The documented permissions, least privileged first.
                pub const PERMISSIONS: runtime::Permissions = #permissions;
                #(#constructors)*
                #(#setters)*
                #(#query_setters)*
                #body
            }

            /// The documented responses; other success statuses are `Other`, the rest errors.
            #[derive(Debug, Clone, PartialEq)]
            pub enum Response {
                #(#variants)*
                /// Another success status, which the docs do not name: kept with its body, never an error.
                Other { status: u16, body: Vec<u8> },
            }

            impl runtime::Operation for #name {
                type Response = Response;
                const RETRY_STATUSES: &'static [u16] = &[#(#retry),*];
                fn parts(&mut self) -> &mut runtime::RequestParts {
                    &mut self.0
                }
                fn into_parts(self) -> runtime::RequestParts {
                    self.0
                }
                fn parse_response(response: runtime::http::Response<Vec<u8>>) -> Result<Response, runtime::Error> {
                    match response.status().as_u16() {
                        #(#arms)*
                        status @ 200..=299 => Ok(Response::Other { status, body: response.into_body() }),
                        _ => Err(runtime::error_for(response)),
                    }
                }
            }
            #paged
        }
    }
}

/// `impl PagedOperation` for an operation whose response has a page variant: what the clients' paging follows.
fn paged(operation: &Operation, name: &proc_macro2::Ident) -> TokenStream {
    let Some((variant, item)) = operation.paged() else { return quote!() };
    let variant = ident(&variant.name);
    let item = rust_type(item, quote!(super::models));
    quote! {
        impl runtime::PagedOperation for #name {
            type Item = #item;
            fn into_page(response: Response) -> Result<runtime::Page<Self::Item>, runtime::Error> {
                match response {
                    Response::#variant(page) => Ok(page),
                    _ => Err(runtime::Error::NotAPage),
                }
            }
        }
    }
}

fn permissions(permissions: &crate::ir::Permissions) -> TokenStream {
    let (work, personal, application) =
        (strs(&permissions.delegated_work), strs(&permissions.delegated_personal), strs(&permissions.application));
    let unspecified = strs(&permissions.unspecified);
    quote! {
        runtime::Permissions {
            delegated_work: &[#(#work),*],
            delegated_personal: &[#(#personal),*],
            application: &[#(#application),*],
            unspecified: &[#(#unspecified),*],
        }
    }
}

/// The scopes as `&str`, which `quote!` writes as string literals.
fn strs(scopes: &[CompactString]) -> Vec<&str> {
    scopes.iter().map(CompactString::as_str).collect()
}

/// The title, description, permission table and source of an operation, as markdown.
fn operation_doc(operation: &Operation) -> String {
    let list =
        |scopes: &[CompactString]| if scopes.is_empty() { "Not supported.".to_owned() } else { scopes.join(", ") };
    let permissions = &operation.permissions;
    let unspecified = if permissions.unspecified.is_empty() {
        String::new()
    } else {
        format!("| Kind not documented | {} |\n", permissions.unspecified.join(", "))
    };
    format!(
        "{}\n\n{}\n\n| Permission type | Permissions (least privileged first) |\n|---|---|\n\
         | Delegated (work or school account) | {} |\n| Delegated (personal Microsoft account) | {} |\n| Application | {} |\n{unspecified}\n\
         From `{}`.",
        operation.title,
        operation.description,
        list(&permissions.delegated_work),
        list(&permissions.delegated_personal),
        list(&permissions.application),
        operation.page
    )
}
