//! Rules about compute configuration from the catalogue's last section.

pub mod lambda_runtime_deprecated;
