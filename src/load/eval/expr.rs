//! Expressions: literals, collections, operators, conditionals and `for`,
//! each evaluation counted against the budgets.

use super::{EvalResult, Evaluator, Refs, STOPPED, Scope};
use crate::model::Value;
use hcl::expr::{BinaryOperator, Expression, UnaryOperator};
use hcl::template::Template;

impl Evaluator<'_> {
    pub(super) fn eval(&mut self, expr: &Expression, scope: &Scope, refs: &mut Refs) -> EvalResult {
        if self.budget.fatal.is_some() {
            return Err(STOPPED.to_string());
        }
        self.depth += 1;
        let result = if self.depth > 200 {
            Err("expression nests too deeply".to_string())
        } else {
            self.eval_inner(expr, scope, refs)
        };
        self.depth -= 1;
        let value = result?;
        self.charge(&value)?;
        Ok(value)
    }

    fn eval_inner(&mut self, expr: &Expression, scope: &Scope, refs: &mut Refs) -> EvalResult {
        Ok(match expr {
            Expression::Null => Value::Null,
            Expression::Bool(b) => Value::Bool(*b),
            Expression::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            Expression::String(s) => Value::String(s.clone()),
            Expression::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut size = 0;
                for item in items {
                    out.push(self.eval(item, scope, refs)?);
                    size = self.grow(size, self.budget.last_size)?;
                }
                Value::List(out)
            }
            Expression::Object(map) => {
                let mut out = crate::model::value::Map::new();
                let mut unknown_key = false;
                let mut size = 0;
                for (k, v) in map {
                    let key = match k {
                        hcl::ObjectKey::Identifier(id) => Value::String(id.as_str().to_string()),
                        hcl::ObjectKey::Expression(e) => self.eval(e, scope, refs)?,
                        _ => return Err("unsupported object key".to_string()),
                    };
                    let value = self.eval(v, scope, refs)?;
                    size = self.grow(size, self.budget.last_size)?;
                    match key.unmarked() {
                        Value::String(s) => {
                            out.insert(s.as_str().into(), value);
                        }
                        Value::Number(_) | Value::Bool(_) => {
                            out.insert(key.to_string().into(), value);
                        }
                        Value::Unknown => unknown_key = true,
                        _ => return Err("object key is not a string".to_string()),
                    }
                }
                if unknown_key {
                    Value::Unknown
                } else {
                    Value::Map(out)
                }
            }
            Expression::TemplateExpr(t) => {
                let template =
                    Template::from_expr(t).map_err(|e| format!("invalid template: {e}"))?;
                self.eval_template(&template, scope, refs)?
            }
            Expression::Variable(v) => {
                let name = v.as_str();
                match scope.locals.iter().rev().find(|(n, _)| n == name) {
                    Some((_, value)) => value.clone(),
                    None => return Err(format!("`{name}` cannot be used alone")),
                }
            }
            Expression::Traversal(t) => {
                match self.eval_traversal(&t.expr, &t.operators, scope, refs)? {
                    Value::Unknown if self.keep_unknown_text => {
                        Value::Partial(format!("${{{expr}}}"))
                    }
                    other => other,
                }
            }
            Expression::FuncCall(call) => self.eval_call(call, scope, refs)?,
            Expression::Parenthesis(inner) => self.eval(inner, scope, refs)?,
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr, scope, refs)?;
                match cond.as_bool() {
                    Some(true) => self.eval(&c.true_expr, scope, refs)?,
                    Some(false) => self.eval(&c.false_expr, scope, refs)?,
                    None => {
                        // Either branch may be taken: keep both branches' references.
                        let _ = self.eval(&c.true_expr, scope, refs);
                        let _ = self.eval(&c.false_expr, scope, refs);
                        Value::Unknown
                    }
                }
            }
            Expression::Operation(op) => match op.as_ref() {
                hcl::expr::Operation::Unary(u) => {
                    let v = self.eval(&u.expr, scope, refs)?;
                    unary(u.operator, &v)?
                }
                hcl::expr::Operation::Binary(b) => {
                    let lhs = self.eval(&b.lhs_expr, scope, refs)?;
                    let rhs = self.eval(&b.rhs_expr, scope, refs)?;
                    binary(b.operator, &lhs, &rhs)?
                }
            },
            Expression::ForExpr(f) => self.eval_for(f, scope, refs)?,
            _ => return Err("unsupported expression".to_string()),
        })
    }

    /// A `for` is evaluated per element: unknown elements give unknown (or
    /// partial) results beside the known ones. An `if` or a key unknown for
    /// one element makes the whole result unknown, as in Terraform: which
    /// elements (or keys) remain is not known, so neither is the length.
    fn eval_for(&mut self, f: &hcl::expr::ForExpr, scope: &Scope, refs: &mut Refs) -> EvalResult {
        let collection = self.eval(&f.collection_expr, scope, refs)?;
        let Some(pairs) = iterate(&collection) else {
            return Ok(Value::Unknown);
        };
        let mut list = Vec::new();
        let mut map: crate::model::value::Map = crate::model::value::Map::new();
        let mut unknown = false;
        // As in HCL, a marked collection or a marked key marks the result:
        // a map's keys carry no mark of their own.
        let mut marked = matches!(collection, Value::Sensitive(_));
        let mut size = 0;
        for (k, v) in pairs {
            // Each step counts, even one that builds nothing: `for` over `for` is quadratic.
            size = self.grow(size, 0)?;
            self.charge(&Value::Null)?;
            let mut inner = scope.clone();
            if let Some(kv) = &f.key_var {
                inner.locals.push((kv.as_str().to_string(), k));
            }
            inner.locals.push((f.value_var.as_str().to_string(), v));
            if let Some(cond) = &f.cond_expr {
                match self.eval(cond, &inner, refs)?.as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        unknown = true;
                        continue;
                    }
                }
            }
            let value = self.eval(&f.value_expr, &inner, refs)?;
            size = self.grow(size, self.budget.last_size)?;
            match &f.key_expr {
                Some(key_expr) => {
                    let key = self.eval(key_expr, &inner, refs)?;
                    marked |= key.has_sensitive();
                    let Some(key) = key
                        .as_str()
                        .map(str::to_string)
                        .or_else(|| key.as_f64().map(|n| Value::Number(n).to_string()))
                    else {
                        unknown = true;
                        continue;
                    };
                    if f.grouping {
                        match map
                            .entry(key.into())
                            .or_insert_with(|| Value::List(Vec::new()))
                        {
                            Value::List(items) => items.push(value),
                            _ => unreachable!("grouping entries are lists"),
                        }
                    } else {
                        map.insert(key.into(), value);
                    }
                }
                None => list.push(value),
            }
        }
        let value = if unknown {
            Value::Unknown
        } else if f.key_expr.is_some() {
            Value::Map(map)
        } else {
            Value::List(list)
        };
        Ok(if marked {
            Value::Sensitive(Box::new(value))
        } else {
            value
        })
    }
}

/// (key, value) pairs of a collection: index for lists, key for maps.
pub(super) fn iterate(collection: &Value) -> Option<Vec<(Value, Value)>> {
    let sensitive = matches!(collection, Value::Sensitive(_));
    let mark = |v: Value| {
        if sensitive {
            Value::Sensitive(Box::new(v))
        } else {
            v
        }
    };
    match collection.unmarked() {
        Value::List(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), mark(v.clone())))
                .collect(),
        ),
        Value::Map(map) => Some(
            map.iter()
                // A marked map's keys are marked with it.
                .map(|(k, v)| (mark(Value::String(k.to_string())), mark(v.clone())))
                .collect(),
        ),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

pub(super) fn index_value(collection: &Value, key: &Value) -> EvalResult {
    if !key.is_known() {
        return Ok(Value::Unknown);
    }
    match collection {
        Value::Unknown => Ok(Value::Unknown),
        Value::List(items) => {
            let i = key.as_f64().ok_or("list index is not a number")?;
            if i < 0.0 || i.fract() != 0.0 {
                return Err("invalid list index".to_string());
            }
            items
                .get(i as usize)
                .cloned()
                .ok_or_else(|| "list index out of range".to_string())
        }
        Value::Map(map) => {
            let k = match key.unmarked() {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            map.get(k.as_str())
                .cloned()
                .ok_or_else(|| format!("no key `{k}`"))
        }
        Value::Sensitive(inner) => index_value(inner, key).map(|v| Value::Sensitive(Box::new(v))),
        _ => Err("cannot index this value".to_string()),
    }
}

fn unary(op: UnaryOperator, v: &Value) -> EvalResult {
    if !v.is_known() {
        return Ok(Value::Unknown);
    }
    Ok(match op {
        UnaryOperator::Neg => Value::Number(-v.as_f64().ok_or("`-` needs a number")?),
        UnaryOperator::Not => Value::Bool(!v.as_bool().ok_or("`!` needs a bool")?),
    })
}

fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> EvalResult {
    use BinaryOperator as B;
    // `false && unknown` is still false, as in Terraform.
    match (op, lhs.as_bool(), rhs.as_bool()) {
        (B::And, Some(false), _) | (B::And, _, Some(false)) => return Ok(Value::Bool(false)),
        (B::Or, Some(true), _) | (B::Or, _, Some(true)) => return Ok(Value::Bool(true)),
        _ => {}
    }
    if !lhs.is_known() || !rhs.is_known() {
        return Ok(Value::Unknown);
    }
    let sensitive = lhs.has_sensitive() || rhs.has_sensitive();
    let (l, r) = (lhs.unmarked(), rhs.unmarked());
    let num = |v: &Value| {
        v.as_f64()
            .ok_or_else(|| "arithmetic needs numbers".to_string())
    };
    let value = match op {
        B::Eq => Value::Bool(values_equal(l, r)),
        B::NotEq => Value::Bool(!values_equal(l, r)),
        B::Less => Value::Bool(num(l)? < num(r)?),
        B::LessEq => Value::Bool(num(l)? <= num(r)?),
        B::Greater => Value::Bool(num(l)? > num(r)?),
        B::GreaterEq => Value::Bool(num(l)? >= num(r)?),
        B::Plus => Value::Number(num(l)? + num(r)?),
        B::Minus => Value::Number(num(l)? - num(r)?),
        B::Mul => Value::Number(num(l)? * num(r)?),
        B::Div => {
            let d = num(r)?;
            if d == 0.0 {
                return Err("division by zero".to_string());
            }
            Value::Number(num(l)? / d)
        }
        B::Mod => {
            let d = num(r)?;
            if d == 0.0 {
                return Err("modulo by zero".to_string());
            }
            Value::Number(num(l)? % d)
        }
        B::And => Value::Bool(
            l.as_bool().ok_or("`&&` needs bools")? && r.as_bool().ok_or("`&&` needs bools")?,
        ),
        B::Or => Value::Bool(
            l.as_bool().ok_or("`||` needs bools")? || r.as_bool().ok_or("`||` needs bools")?,
        ),
    };
    Ok(if sensitive {
        Value::Sensitive(Box::new(value))
    } else {
        value
    })
}

fn values_equal(l: &Value, r: &Value) -> bool {
    match (l.unmarked(), r.unmarked()) {
        (Value::Number(a), Value::Number(b)) => a == b,
        (a, b) => a == b,
    }
}
