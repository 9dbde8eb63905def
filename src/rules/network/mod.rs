//! Rules from the catalogue's "Storage, identity, network" section about network and edge services.

pub mod nacl_allow_all_ingress;
pub mod route53_failover_without_health_check;
pub mod route53_public_zone_placeholder;
pub mod waf_web_acl_unassociated;
