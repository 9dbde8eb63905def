//! Functions whose results exist only at apply (`timestamp`,
//! `plantimestamp`, `uuid`, `bcrypt`): always unknown before it.

use super::{Env, Function, Unknowns::Own};
use crate::model::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("bcrypt", 1, 2, Own, unknown),
    Function::new("plantimestamp", 0, 0, Own, unknown),
    Function::new("timestamp", 0, 0, Own, unknown),
    Function::new("uuid", 0, 0, Own, unknown),
];

fn unknown(_: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Unknown)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn unknowable_fns() {
        assert_eq!(ok("timestamp", vec![]), U);
        assert_eq!(ok("plantimestamp", vec![]), U);
        assert_eq!(ok("uuid", vec![]), U);
        assert_eq!(ok("bcrypt", vec![s("pw"), n(10.0)]), U);
    }
}
