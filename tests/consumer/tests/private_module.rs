//! The generated code in a private module, compiled with every warning denied: a crate that uses a few
//! operations gets no dead-code (or any other) warning for the rest (the README says `mod graph` works).

#![deny(warnings)]

mod graph {
    include!(concat!(env!("OUT_DIR"), "/graph.rs"));
}

use graph::runtime::{BaseUrl, Operation};

#[test]
fn one_operation_is_used_and_the_rest_compiles_without_a_warning() -> Result<(), graph::runtime::Error> {
    let request = graph::v1_0::workbook_close_session::WorkbookCloseSession::me_by_item_path("Reports/budget.xlsx")
        .into_request(&BaseUrl::V1)?;
    assert_eq!(request.method(), "POST");
    assert!(request.uri().path().ends_with("/workbook/closeSession"), "{}", request.uri());
    Ok(())
}
