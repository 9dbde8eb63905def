//! Rules from the catalogue's "Regions" section.

pub mod availability_zone_region_mismatch;
pub mod cross_region_reference;
pub mod region_not_allowed;
pub mod region_required_missing;
pub mod region_unresolved;

use crate::model::{Mode, Region, Resource};

/// A managed resource that lands in a region (not global, not unknown).
pub fn regional(res: &Resource) -> Option<&str> {
    match (&res.mode, &res.placement.region) {
        (Mode::Managed, Region::Known(r)) => Some(r),
        _ => None,
    }
}
