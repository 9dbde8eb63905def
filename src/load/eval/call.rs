//! Function calls: the special forms (`try`, `can`, `templatefile`), the
//! arguments evaluated and measured against the budgets, then the function
//! table (`functions::call`).

use super::{EvalResult, Evaluator, Refs, Scope, TEXT_BYTES_PER_ELEMENT, functions};
use crate::model::Value;

impl Evaluator<'_> {
    pub(super) fn eval_call(
        &mut self,
        call: &hcl::expr::FuncCall,
        scope: &Scope,
        refs: &mut Refs,
    ) -> EvalResult {
        let name = call.name.name.as_str();
        if !call.name.namespace.is_empty()
            && call.name.namespace.first().map(|n| n.as_str()) != Some("core")
        {
            return Err(format!("provider function `{name}` is not evaluated"));
        }
        match name {
            "try" => {
                let mut last = Err("try: no argument succeeded".to_string());
                for arg in &call.args {
                    let mut arg_refs = Refs::new();
                    match self.eval(arg, scope, &mut arg_refs) {
                        Ok(v) => {
                            refs.extend(arg_refs);
                            return Ok(v);
                        }
                        Err(e) => last = Err(e),
                    }
                }
                return last;
            }
            "can" => {
                let Some(arg) = call.args.first() else {
                    return Err("can: expected 1 argument".to_string());
                };
                let mut arg_refs = Refs::new();
                return Ok(match self.eval(arg, scope, &mut arg_refs) {
                    Ok(v) if !v.is_known() => Value::Unknown,
                    Ok(_) => Value::Bool(true),
                    Err(_) => Value::Bool(false),
                });
            }
            "templatefile" => return self.eval_templatefile(call, scope, refs),
            _ => {}
        }
        let outer_keep = self.keep_unknown_text;
        // Inside `jsonencode` (or a policy document), a function that only
        // moves elements keeps their unknown parts' text too.
        self.keep_unknown_text =
            name == "jsonencode" || (outer_keep && functions::passes_partials(name));
        let mut args = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            match self.eval(arg, scope, refs) {
                Ok(v) => args.push(v),
                Err(e) => {
                    self.keep_unknown_text = outer_keep;
                    return Err(e);
                }
            }
        }
        self.keep_unknown_text = outer_keep;
        // `jsonencode` of a value with unknown parts keeps its structure (key policies).
        if name == "jsonencode"
            && args.len() == 1
            && !args[0].is_known()
            && *args[0].unmarked() != Value::Unknown
        {
            let partial = Value::Partial(args[0].to_partial_json().to_string());
            return Ok(if args[0].has_sensitive() {
                Value::Sensitive(Box::new(partial))
            } else {
                partial
            });
        }
        // Partial strings reach a function only as elements it moves (`functions::call`).
        let mut args = args;
        if call.expand_final {
            match args.pop().map(|v| v.unmarked().clone()) {
                Some(Value::List(items)) => args.extend(items),
                Some(Value::Unknown | Value::Partial(_)) => return Ok(Value::Unknown),
                _ => return Err(format!("{name}: the expanded argument is not a list")),
            }
        }
        // The one function whose result grows as a product of its inputs:
        // measured before it is built, not after.
        if name == "setproduct" {
            let combos = args.iter().try_fold(1usize, |n, a| match a.unmarked() {
                Value::List(items) => Some(n.saturating_mul(items.len())),
                _ => Some(n),
            });
            if let Some(n) = combos {
                self.grow(n.saturating_mul(args.len()), 0)?;
            }
        }
        // Text that can grow as a product of its inputs: its largest possible
        // length, measured before it is built.
        let text = |v: &Value| v.unmarked().as_str().map_or(0, str::len);
        let bound = match (name, args.as_slice()) {
            ("replace", [s, sub, rep]) => {
                let matches = text(s) / text(sub).max(1) + 1;
                Some(text(s).saturating_add(matches.saturating_mul(text(rep))))
            }
            ("join", [sep, lists @ ..]) => {
                let (mut count, mut bytes) = (0usize, 0usize);
                for list in lists {
                    if let Value::List(items) = list.unmarked() {
                        count = count.saturating_add(items.len());
                        bytes = items.iter().fold(bytes, |b, i| b.saturating_add(text(i)));
                    }
                }
                Some(bytes.saturating_add(count.saturating_mul(text(sep))))
            }
            _ => None,
        };
        if let Some(bytes) = bound {
            self.grow(bytes / TEXT_BYTES_PER_ELEMENT, 0)?;
        }
        // `file("${path.module}/x")`: relative paths resolve from the root module, as in Terraform.
        functions::call(name, args, &self.files).inspect_err(|e| {
            if e.starts_with("unknown function")
                && !self.notes.iter().any(|n| n.ends_with(e.as_str()))
            {
                self.notes.push(format!("values using it are unknown: {e}"));
            }
        })
    }
}
