//! String templates: interpolations, `%{if}` and `%{for}` directives, and
//! `templatefile`. An unknown part keeps its text, for policy analysis.

use super::expr::iterate;
use super::{EvalResult, Evaluator, Refs, Scope, TEXT_BYTES_PER_ELEMENT};
use crate::model::Value;
use hcl::template::{Directive, Element, Template};

impl Evaluator<'_> {
    pub(super) fn eval_template(
        &mut self,
        template: &Template,
        scope: &Scope,
        refs: &mut Refs,
    ) -> EvalResult {
        let elements = template.elements();
        // A template that is one interpolation yields the value itself, not a string.
        if let [Element::Interpolation(interp)] = elements {
            return self.eval(&interp.expr, scope, refs);
        }
        let mut out = String::new();
        let mut unknown = false;
        let mut sensitive = false;
        for element in elements {
            let part = match element {
                Element::Literal(s) => Value::String(s.clone()),
                // An unknown part keeps its expression text, for policy analysis.
                Element::Interpolation(interp) => match self.eval(&interp.expr, scope, refs)? {
                    Value::Unknown => Value::Partial(format!("${{{}}}", interp.expr)),
                    other => other,
                },
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(i) => match self.eval(&i.cond_expr, scope, refs)?.as_bool() {
                        Some(true) => self.eval_template(&i.true_template, scope, refs)?,
                        Some(false) => match &i.false_template {
                            Some(t) => self.eval_template(t, scope, refs)?,
                            None => Value::String(String::new()),
                        },
                        None => Value::Unknown,
                    },
                    Directive::For(f) => {
                        let collection = self.eval(&f.collection_expr, scope, refs)?;
                        let mut text = String::new();
                        let mut part_unknown = false;
                        for (k, v) in iterate(&collection).unwrap_or_default() {
                            let mut inner = scope.clone();
                            if let Some(kv) = &f.key_var {
                                inner.locals.push((kv.as_str().to_string(), k));
                            }
                            inner.locals.push((f.value_var.as_str().to_string(), v));
                            match self.eval_template(&f.template, &inner, refs)? {
                                Value::String(s) => text.push_str(&s),
                                _ => part_unknown = true,
                            }
                            self.grow(text.len() / TEXT_BYTES_PER_ELEMENT, 0)?;
                        }
                        if part_unknown || !collection.is_known() {
                            Value::Unknown
                        } else {
                            Value::String(text)
                        }
                    }
                },
            };
            if part.has_sensitive() {
                sensitive = true;
            }
            match (to_template_string(part.unmarked()), part.unmarked()) {
                (Ok(Some(s)), _) => out.push_str(&s),
                (Ok(None), Value::Partial(text)) => {
                    out.push_str(text);
                    unknown = true;
                }
                (Ok(None), _) => {
                    out.push_str("${unknown}");
                    unknown = true;
                }
                (Err(e), _) => return Err(e),
            }
            self.grow(out.len() / TEXT_BYTES_PER_ELEMENT, 0)?;
        }
        let value = if unknown {
            Value::Partial(out)
        } else {
            Value::String(out)
        };
        Ok(if sensitive {
            Value::Sensitive(Box::new(value))
        } else {
            value
        })
    }

    pub(super) fn eval_templatefile(
        &mut self,
        call: &hcl::expr::FuncCall,
        scope: &Scope,
        refs: &mut Refs,
    ) -> EvalResult {
        let [path_expr, vars_expr] = call.args.as_slice() else {
            return Err("templatefile: expected 2 arguments".to_string());
        };
        let path = self.eval(path_expr, scope, refs)?;
        let vars = self.eval(vars_expr, scope, refs)?;
        let (Some(path), Some(vars)) = (path.as_str(), vars.as_map()) else {
            return Ok(Value::Unknown);
        };
        let bytes = match self.files.read(path, path) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(unknown)) => return Ok(unknown),
            Err(e) => return Err(format!("templatefile: {e}")),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("templatefile: {path}: not valid UTF-8"))?;
        let template: Template = text
            .parse()
            .map_err(|e| format!("templatefile: {path}: {e}"))?;
        let mut inner = Scope::at(scope.inst);
        inner.locals = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        self.eval_template(&template, &inner, refs)
    }
}

/// Text of a known template part; `None` for a part known only after apply.
fn to_template_string(value: &Value) -> std::result::Result<Option<String>, String> {
    match value {
        Value::String(s) => Ok(Some(s.clone())),
        Value::Partial(_) => Ok(None),
        Value::Number(_) | Value::Bool(_) => Ok(Some(value.to_string())),
        Value::Unknown => Ok(None),
        Value::Null => Err("null value in a template".to_string()),
        Value::Sensitive(inner) => to_template_string(inner),
        Value::List(_) | Value::Map(_) => {
            Err("a list or object cannot be used in a template".to_string())
        }
    }
}
