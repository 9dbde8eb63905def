//! The region map: which region holds what, and which wires cross a region
//! boundary. One graph, built here from the models, the wires the rules
//! worked out (`rules::wiring`) and the findings; `map.rs` renders it as
//! Mermaid, DOT or SVG, and the Markdown and HTML reports reuse it.
//!
//! Regions come only from the resolver (`Resource::placement`).

use crate::model::{Mode, Model, Region, Resource};
use crate::rules::finding::Finding;
use crate::rules::meta::Severity;
use crate::rules::wiring::{self, Wire, WireKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Above this many nodes the map folds into one node per (region, type):
/// layouts and Mermaid renderers become unreadable (and slow) well before that.
pub const FOLD_THRESHOLD: usize = 300;

/// The text a map writes on a wire.
pub fn label(kind: WireKind) -> &'static str {
    match kind {
        WireKind::Plan => "plan",
        WireKind::Vault => "vault",
        WireKind::Copy => "copy",
        WireKind::Selects => "selects",
        WireKind::Key => "key",
        WireKind::Logs => "logs",
        WireKind::Replicates => "replicates",
        WireKind::Protects => "waf",
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
    pub kind: WireKind,
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

/// Builds the map of `models` with their `wires` (one list per model, in the
/// same order; a model without one has no wires), coloured by the active
/// `findings`.
pub fn build(models: &[Model], wires: &[Vec<Wire>], findings: &[Finding], opts: Options) -> Graph {
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
    let mut raw_edges: BTreeSet<(usize, usize, WireKind)> = BTreeSet::new();
    let mut total = 0;
    for (mi, model) in models.iter().enumerate() {
        total += model.resources.len();
        for res in &model.resources {
            let wanted = opts.all || wiring::is_rule_subject(&res.r#type) || marked(res).is_some();
            if wanted && (res.mode == Mode::Managed || opts.all) {
                add(&mut index, &mut raw, mi, res);
            }
        }
        for wire in wires.get(mi).into_iter().flatten() {
            let a = add(&mut index, &mut raw, mi, &model.resources[wire.from]);
            let b = add(&mut index, &mut raw, mi, &model.resources[wire.to]);
            if a != b {
                raw_edges.insert((a, b, wire.kind));
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
                r#type: r.shown_type().to_string(),
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
    let mut agg: BTreeMap<(usize, usize, WireKind, bool), usize> = BTreeMap::new();
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
