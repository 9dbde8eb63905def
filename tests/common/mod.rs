//! Helpers shared by the integration tests.

use tfward::model::{Model, Resource};

/// The resource at `address`, or a panic that lists what the model has.
pub fn resource<'m>(model: &'m Model, address: &str) -> &'m Resource {
    model
        .resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| {
            let all: Vec<&str> = model.resources.iter().map(|r| r.address.as_str()).collect();
            panic!("no {address} in {}; have {all:?}", model.source.display())
        })
}
