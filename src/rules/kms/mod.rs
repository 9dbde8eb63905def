//! Rules from the catalogue's "KMS keys per region" section.

pub mod kms_cross_region_reference;
pub mod kms_key_policy_service_grant;
pub mod kms_key_rotation;
pub mod kms_missing_in_region;
pub mod rds_cross_region_replica_kms;

use super::context::{Context, KMS, KeyUse};
use crate::model::Resource;

/// Every key the resource uses through the attributes the KMS table lists.
pub fn keys_used<'m>(ctx: &Context<'m>, res: &'m Resource) -> Vec<KeyUse<'m>> {
    KMS.resources
        .get(res.r#type.as_str())
        .into_iter()
        .flatten()
        .flat_map(|attr| ctx.key_uses(res, attr))
        .collect()
}
