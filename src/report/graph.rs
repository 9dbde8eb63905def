//! The region map: which region holds what, and which wires cross a region
//! boundary. One graph, built here from the model, the rules' own wiring
//! helpers and the findings; `map.rs` renders it as Mermaid, DOT or SVG, and
//! the Markdown and HTML reports reuse it.
//!
//! Regions come only from the resolver (`Resource::placement`).

use crate::model::{Mode, Model, Region, Resource};
use crate::policy::Policy;
use crate::rules::backup::{self, PlanTarget, VaultTarget};
use crate::rules::storage::{self, Destination};
use crate::rules::{Context, Finding, Severity, kms, logging};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Above this many nodes the map folds into one node per (region, type):
/// layouts and Mermaid renderers become unreadable (and slow) well before that.
pub const FOLD_THRESHOLD: usize = 300;

/// Resource types drawn even when nothing is wired to them: the ones the
/// region rules are about.
const KEY_TYPES: &[&str] = kms::KEY_TYPES;
const RULE_TYPES: &[&str] = &[
    "aws_backup_vault",
    "aws_backup_logically_air_gapped_vault",
    "aws_backup_plan",
    "aws_backup_selection",
    "aws_cloudtrail",
    "aws_wafv2_web_acl",
];

/// What a wire means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// Backup selection → its plan.
    Plan,
    /// Backup plan → the vault a rule targets.
    Vault,
    /// Source vault (or plan) → copy destination vault.
    Copy,
    /// Backup selection → a resource it selects.
    Selects,
    /// Resource → the KMS key it uses.
    Key,
    /// Trail → the bucket it delivers to.
    Logs,
    /// Replication source bucket → destination bucket.
    Replicates,
    /// WAF web ACL → what it is associated with.
    Protects,
}

impl EdgeKind {
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::Plan => "plan",
            EdgeKind::Vault => "vault",
            EdgeKind::Copy => "copy",
            EdgeKind::Selects => "selects",
            EdgeKind::Key => "key",
            EdgeKind::Logs => "logs",
            EdgeKind::Replicates => "replicates",
            EdgeKind::Protects => "waf",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    /// `n0`, `n1`...: stable for one input, safe in every output format.
    pub id: String,
    /// The address, or `aws_kms_key ×12` when folded.
    pub label: String,
    pub r#type: String,
    /// The region as reports print it (`(sensitive)` when it must not be).
    pub region: String,
    /// Resources this node stands for (1 unless folded).
    pub count: usize,
    /// The worst active finding on it.
    pub severity: Option<Severity>,
    pub findings: usize,
    /// `file:line`, empty when folded.
    pub location: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// Both ends are in known regions, and not the same one.
    pub crosses_region: bool,
    /// Wires this edge stands for (1 unless folded).
    pub count: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Clusters in drawing order: known regions sorted, then `global`, `unknown`.
    pub regions: Vec<String>,
    /// One node per (region, type).
    pub folded: bool,
    /// Every resource of the inputs.
    pub total_resources: usize,
    /// Resources the map shows (before folding).
    pub shown_resources: usize,
    /// `--all`: every resource, not only the wired ones.
    pub all: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Fold {
    /// Fold above `FOLD_THRESHOLD` nodes.
    #[default]
    Auto,
    Never,
    Always,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub all: bool,
    pub fold: Fold,
}

/// Clusters sort known regions first (by name), then `global`, then the rest.
fn region_rank(region: &str) -> (u8, &str) {
    match region {
        "global" => (1, region),
        "unknown" => (2, region),
        r if r.starts_with('(') => (3, r),
        r => (0, r),
    }
}

fn crosses(a: &Resource, b: &Resource) -> bool {
    match (&a.placement.region, &b.placement.region) {
        (Region::Known(x), Region::Known(y)) => x != y,
        _ => false,
    }
}

/// The wires of one model, as (from, to, kind) resource pairs.
fn wires<'m>(ctx: &Context<'m>, model: &'m Model) -> Vec<(&'m Resource, &'m Resource, EdgeKind)> {
    let mut out: Vec<(&Resource, &Resource, EdgeKind)> = Vec::new();
    for res in &model.resources {
        if res.mode != Mode::Managed {
            continue;
        }
        match res.r#type.as_str() {
            "aws_backup_selection" => {
                if let PlanTarget::Plan(plan) = backup::selection_plan(ctx, res) {
                    out.push((res, plan, EdgeKind::Plan));
                }
                // Everything selected, also what lies in another region: the
                // cross-region wire is the picture of the mistake.
                let sel = backup::selected(ctx, res);
                for r in sel.named.iter().chain(&sel.tagged) {
                    if r.mode == Mode::Managed {
                        out.push((res, r, EdgeKind::Selects));
                    }
                }
            }
            "aws_backup_plan" => {
                for (i, rule) in backup::plan_rules(res).into_iter().enumerate() {
                    let source = match backup::rule_vault(ctx, res, i, rule) {
                        VaultTarget::Vault(v) => {
                            out.push((res, v, EdgeKind::Vault));
                            Some(v)
                        }
                        _ => None,
                    };
                    for dest in backup::copy_destinations(ctx, res, i, rule) {
                        if let Some(v) = dest.vault {
                            out.push((source.unwrap_or(res), v, EdgeKind::Copy));
                        }
                    }
                }
            }
            "aws_cloudtrail" => {
                if let Some(bucket) = logging::trail_bucket(ctx, res) {
                    out.push((res, bucket, EdgeKind::Logs));
                }
            }
            "aws_wafv2_web_acl_association" => {
                let targets = ctx.targets(res, "resource_arn");
                for acl in ctx.targets(res, "web_acl_arn") {
                    if targets.is_empty() {
                        out.push((acl, res, EdgeKind::Protects));
                    }
                    for t in &targets {
                        out.push((acl, t, EdgeKind::Protects));
                    }
                }
            }
            "aws_cloudfront_distribution" => {
                for acl in ctx.targets(res, "web_acl_id") {
                    out.push((acl, res, EdgeKind::Protects));
                }
            }
            _ => {}
        }
        for key in kms::keys_used(ctx, res) {
            if let Some(k) = key.key
                && k.address != res.address
            {
                out.push((res, k, EdgeKind::Key));
            }
        }
    }
    for (repl, rules_path) in storage::replications(ctx) {
        let source = storage::source_bucket(ctx, repl).unwrap_or(repl);
        for (_, dest) in storage::destinations(ctx, repl, rules_path) {
            if let Destination::Bucket(b) = dest
                && b.address != source.address
            {
                out.push((source, b, EdgeKind::Replicates));
            }
        }
    }
    out
}

fn add<'m>(
    index: &mut HashMap<(usize, &'m str), usize>,
    raw: &mut Vec<&'m Resource>,
    model: usize,
    r: &'m Resource,
) -> usize {
    *index.entry((model, r.address.as_str())).or_insert_with(|| {
        raw.push(r);
        raw.len() - 1
    })
}

/// Builds the map of `models`, coloured by the active `findings`.
pub fn build(models: &[Model], policy: &Policy, findings: &[Finding], opts: Options) -> Graph {
    // Worst severity and count per (address, file): findings carry no model id,
    // and a file holds one model (one plan, one stack's cdk.tf.json).
    let mut marks: HashMap<(&str, &Path), (Severity, usize)> = HashMap::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let e = marks
            .entry((f.address.as_str(), f.location.file.as_path()))
            .or_insert((f.severity, 0));
        e.0 = e.0.max(f.severity);
        e.1 += 1;
    }
    let marked = |r: &Resource| {
        marks
            .get(&(r.address.as_str(), r.location.file.as_path()))
            .copied()
    };

    // (model, address) → raw node index.
    let mut index: HashMap<(usize, &str), usize> = HashMap::new();
    let mut raw: Vec<&Resource> = Vec::new();
    let mut raw_edges: BTreeSet<(usize, usize, EdgeKind)> = BTreeSet::new();
    let mut total = 0;
    for (mi, model) in models.iter().enumerate() {
        total += model.resources.len();
        let ctx = Context::new(model, policy);
        let wires = wires(&ctx, model);
        for res in &model.resources {
            let wanted = opts.all
                || KEY_TYPES.contains(&res.r#type.as_str())
                || RULE_TYPES.contains(&res.r#type.as_str())
                || marked(res).is_some();
            if wanted && (res.mode == Mode::Managed || opts.all) {
                add(&mut index, &mut raw, mi, res);
            }
        }
        for (from, to, kind) in wires {
            let a = add(&mut index, &mut raw, mi, from);
            let b = add(&mut index, &mut raw, mi, to);
            if a != b {
                raw_edges.insert((a, b, kind));
            }
        }
    }

    // Sort: region cluster, then address; ids follow that order.
    // Several inputs (CDKTF stacks, plans) may hold the same address: name the input.
    let prefixes: Vec<String> = models
        .iter()
        .map(|m| match (&m.stack, models.len()) {
            (_, 1) => String::new(),
            (Some(stack), _) => format!("{stack}: "),
            (None, _) => format!(
                "{}: ",
                m.source.file_name().map_or_else(
                    || m.source.display().to_string(),
                    |f| f.to_string_lossy().into_owned()
                )
            ),
        })
        .collect();
    let model_of: HashMap<usize, usize> = index.iter().map(|(&(mi, _), &i)| (i, mi)).collect();
    let mut order: Vec<usize> = (0..raw.len()).collect();
    let regions_of: Vec<String> = raw
        .iter()
        .map(|r| r.placement.region_text().to_string())
        .collect();
    order.sort_by(|&a, &b| {
        region_rank(&regions_of[a])
            .cmp(&region_rank(&regions_of[b]))
            .then_with(|| raw[a].address.cmp(&raw[b].address))
            .then_with(|| raw[a].location.file.cmp(&raw[b].location.file))
    });
    let mut position = vec![0; raw.len()];
    for (pos, &i) in order.iter().enumerate() {
        position[i] = pos;
    }
    let nodes: Vec<Node> = order
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            let r = raw[i];
            let mark = marked(r);
            Node {
                id: format!("n{pos}"),
                label: format!(
                    "{}{}",
                    model_of.get(&i).map_or("", |&mi| prefixes[mi].as_str()),
                    r.address
                ),
                r#type: r.r#type.clone(),
                region: regions_of[i].clone(),
                count: 1,
                severity: mark.map(|m| m.0),
                findings: mark.map_or(0, |m| m.1),
                location: r.location.to_string(),
            }
        })
        .collect();
    let mut edges: Vec<Edge> = raw_edges
        .iter()
        .map(|&(a, b, kind)| Edge {
            from: position[a],
            to: position[b],
            kind,
            crosses_region: crosses(raw[a], raw[b]),
            count: 1,
        })
        .collect();
    edges.sort_by_key(|e| (e.from, e.to, e.kind));

    let mut regions: Vec<String> = nodes.iter().map(|n| n.region.clone()).collect();
    regions.sort_by(|a, b| region_rank(a).cmp(&region_rank(b)));
    regions.dedup();

    let graph = Graph {
        shown_resources: nodes.len(),
        nodes,
        edges,
        regions,
        folded: false,
        total_resources: total,
        all: opts.all,
    };
    let fold = match opts.fold {
        Fold::Auto => graph.nodes.len() > FOLD_THRESHOLD,
        Fold::Never => false,
        Fold::Always => true,
    };
    if fold { fold_graph(graph) } else { graph }
}

/// One node per (region, type) with counts; edges between groups add up,
/// cross-region ones stay apart from the others.
pub fn fold_graph(graph: Graph) -> Graph {
    let mut groups: BTreeMap<((u8, String), String), Vec<usize>> = BTreeMap::new();
    for (i, n) in graph.nodes.iter().enumerate() {
        let (rank, name) = region_rank(&n.region);
        groups
            .entry(((rank, name.to_string()), n.r#type.clone()))
            .or_default()
            .push(i);
    }
    let mut group_of = vec![0; graph.nodes.len()];
    let mut nodes = Vec::with_capacity(groups.len());
    for (g, (((_, region), r#type), members)) in groups.into_iter().enumerate() {
        for &m in &members {
            group_of[m] = g;
        }
        let severity = members
            .iter()
            .filter_map(|&m| graph.nodes[m].severity)
            .max();
        let findings = members.iter().map(|&m| graph.nodes[m].findings).sum();
        nodes.push(Node {
            id: format!("n{g}"),
            label: format!("{type} ×{}", members.len(), type = r#type),
            r#type,
            region,
            count: members.len(),
            severity,
            findings,
            location: String::new(),
        });
    }
    let mut agg: BTreeMap<(usize, usize, EdgeKind, bool), usize> = BTreeMap::new();
    for e in &graph.edges {
        let (a, b) = (group_of[e.from], group_of[e.to]);
        if a != b {
            *agg.entry((a, b, e.kind, e.crosses_region)).or_insert(0) += e.count;
        }
    }
    let edges = agg
        .into_iter()
        .map(|((from, to, kind, crosses_region), count)| Edge {
            from,
            to,
            kind,
            crosses_region,
            count,
        })
        .collect();
    Graph {
        nodes,
        edges,
        folded: true,
        ..graph
    }
}

impl Graph {
    /// One line for a map's title or a report: what is shown, and how to see the rest.
    pub fn summary(&self) -> String {
        let regions = self.regions.len();
        let crossing = self
            .edges
            .iter()
            .filter(|e| e.crosses_region)
            .map(|e| e.count)
            .sum::<usize>();
        let what = if self.all {
            format!("{} resources", self.shown_resources)
        } else {
            format!(
                "{} of {} resources (the wired ones; --all for every resource)",
                self.shown_resources, self.total_resources
            )
        };
        let mut text = format!(
            "{what} in {regions} region{}, {crossing} cross-region wire{}",
            if regions == 1 { "" } else { "s" },
            if crossing == 1 { "" } else { "s" }
        );
        if self.folded {
            text.push_str(&format!(
                "; folded into counts per region and type (more than {FOLD_THRESHOLD} nodes; --no-fold shows each resource)"
            ));
        }
        text
    }

    /// Nodes of one cluster, in id order.
    pub fn in_region<'g>(&'g self, region: &'g str) -> impl Iterator<Item = (usize, &'g Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.region == region)
    }
}
