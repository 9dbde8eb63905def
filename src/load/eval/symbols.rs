//! Module symbols: variables, locals and outputs of a module instance,
//! each evaluated once and cached with its references and trace.

use super::convert::convert;
use super::{Cached, EvalResult, Evaluator, Refs, Scope, Slot};
use crate::model::Value;

impl Evaluator<'_> {
    /// A variable, local or output of a module instance, evaluated once.
    pub(super) fn slot(
        &mut self,
        inst: usize,
        slot: Slot,
        name: &str,
        refs: &mut Refs,
    ) -> EvalResult {
        let key = (inst, slot, name.to_string());
        match self.cache.get(&key) {
            Some(Some(cached)) => {
                refs.extend(cached.refs.iter().cloned());
                self.trace.extend(cached.trace.iter().cloned());
                return Ok(cached.value.clone());
            }
            Some(None) => return Err(format!("`{name}` refers to itself")),
            None => {}
        }
        self.cache.insert(key.clone(), None);
        // Cached values are shared by every user: never partial because one user was a jsonencode.
        let outer_keep = std::mem::replace(&mut self.keep_unknown_text, false);
        let outer_trace = std::mem::take(&mut self.trace);
        let outer_site = self.budget.site.take();
        let mut own_refs = Refs::new();
        let result = match slot {
            Slot::Var => self.variable(inst, name, &mut own_refs),
            Slot::Local => {
                let tree = self.tree;
                match tree.modules[self.instances[inst].module]
                    .locals
                    .iter()
                    .find(|l| l.name == name)
                {
                    Some(local) => {
                        self.budget.site = Some((local.location.clone(), format!("local.{name}")));
                        self.eval(&local.expr, &Scope::at(inst), &mut own_refs)
                    }
                    None => Err(format!("no local `{name}`")),
                }
            }
            Slot::Output => {
                let tree = self.tree;
                match tree.modules[self.instances[inst].module]
                    .outputs
                    .iter()
                    .find(|o| o.name == name)
                {
                    Some(output) => {
                        self.budget.site =
                            Some((output.location.clone(), format!("output.{name}")));
                        self.eval(&output.expr, &Scope::at(inst), &mut own_refs)
                    }
                    None => Err(format!("no output `{name}`")),
                }
            }
        };
        let trace = std::mem::replace(&mut self.trace, outer_trace);
        self.keep_unknown_text = outer_keep;
        // A budget error keeps the innermost site: that is where the value grew.
        if self.budget.fatal.is_none() {
            self.budget.site = outer_site;
        }
        match result {
            Ok(value) => {
                refs.extend(own_refs.iter().cloned());
                self.trace.extend(trace.iter().cloned());
                self.cache.insert(
                    key,
                    Some(Cached {
                        value: value.clone(),
                        refs: own_refs,
                        trace,
                    }),
                );
                Ok(value)
            }
            Err(e) => {
                self.cache.remove(&key);
                Err(e)
            }
        }
    }

    fn variable(&mut self, inst: usize, name: &str, refs: &mut Refs) -> EvalResult {
        let tree = self.tree;
        let module = &tree.modules[self.instances[inst].module];
        let decl = module.variables.iter().find(|v| v.name == name);
        let Some(decl) = decl else {
            return Err(format!("no variable `{name}`"));
        };
        self.budget.site = Some((decl.location.clone(), format!("var.{name}")));
        let value = match self.instances[inst].parent {
            None => match self.given.get(name).cloned() {
                Some(given) => {
                    self.trace
                        .push(format!("`var.{name}` set in {}", given.origin));
                    self.eval_literal(&given.expr)
                }
                None => {
                    let value = decl.default.as_ref().map(|d| self.eval_literal(d));
                    self.trace.push(format!("`var.{name}` default"));
                    value.unwrap_or(Value::Unknown)
                }
            },
            Some(parent) => {
                let call = &tree.modules[self.instances[parent].module].calls
                    [self.instances[inst].call.unwrap_or(0)];
                let input = call.inputs.iter().find(|(n, _)| n == name).map(|(_, e)| e);
                match input {
                    Some(expr) => {
                        let scope = Scope {
                            inst: parent,
                            count: self.instances[inst].count,
                            each: self.instances[inst].each.clone(),
                            locals: Vec::new(),
                        };
                        let value = self.eval(expr, &scope, refs)?;
                        self.trace.push(format!(
                            "`var.{name}` passed by `{}`",
                            self.instances[inst].addr
                        ));
                        value
                    }
                    None => {
                        self.trace.push(format!(
                            "`var.{name}` default in `{}`",
                            self.instances[inst].addr
                        ));
                        decl.default
                            .as_ref()
                            .map(|d| self.eval_literal(d))
                            .unwrap_or(Value::Unknown)
                    }
                }
            }
        };
        let mut value = match &decl.type_expr {
            Some(ty) => convert(value, ty),
            None => value,
        };
        // `nullable = false`: null means the default.
        if value.is_null()
            && !decl.nullable
            && let Some(default) = &decl.default
        {
            let default = self.eval_literal(default);
            value = match &decl.type_expr {
                Some(ty) => convert(default, ty),
                None => default,
            };
        }
        Ok(if decl.sensitive {
            Value::Sensitive(Box::new(value))
        } else {
            value
        })
    }
}
