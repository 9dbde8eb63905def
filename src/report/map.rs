//! `tfward map`: the region map (`graph.rs`) as Mermaid, Graphviz DOT or SVG.
//! Thin renderers: every decision about what is drawn is made in `graph.rs`.

use super::graph::{Graph, Node};
use crate::rules::meta::Severity;
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::collections::HashMap;

/// Fill, stroke and text colours of a node by its worst finding.
pub fn colours(severity: Option<Severity>) -> (&'static str, &'static str, &'static str) {
    match severity {
        // layout-rs draws every label black: the fills stay light enough for it.
        Some(Severity::Critical) => ("#ef4444", "#7f1d1d", "#000000"),
        Some(Severity::High) => ("#fca5a5", "#b91c1c", "#000000"),
        Some(Severity::Medium) => ("#fde68a", "#b45309", "#000000"),
        Some(Severity::Low) => ("#bfdbfe", "#1d4ed8", "#000000"),
        None => ("#f8fafc", "#64748b", "#000000"),
    }
}

/// layout-rs's layout time grows steeply with the nodes of a panel (257 nodes
/// take about a second, 551 about 20): beyond this, `--no-fold` SVG folds anyway.
pub const SVG_LAYOUT_LIMIT: usize = 400;

/// Cross-region wires: a colour no severity uses.
pub const CROSS_COLOUR: &str = "#c026d3";

/// A node's label (an address, from the input) on one line with `##[`
/// broken: every map format can be printed on stdout, which a runner reads
/// for workflow commands, and the SVG layout would start a line at a `\n`.
fn node_text(n: &Node) -> String {
    let label = crate::output::escape_line(&n.label);
    match (n.severity, n.findings) {
        (Some(s), 1) => format!("{label} ({s})"),
        (Some(s), k) => format!("{label} ({s}, {k} findings)"),
        _ => label.into_owned(),
    }
}

fn edge_text(g: &Graph, i: usize) -> String {
    let e = &g.edges[i];
    let mut text = super::graph::label(e.kind).to_string();
    if e.count > 1 {
        text.push_str(&format!(" ×{}", e.count));
    }
    if e.crosses_region {
        text.push_str(" · cross-region");
    }
    text
}

/// Text inside a Mermaid `"..."` label: entity codes for what the parser
/// would read as syntax (quotes, brackets of HTML, `#` itself).
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // One line, controls shown escaped (stdout is read for workflow commands).
    for c in crate::output::escape_line(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `flowchart LR`, a `subgraph` per region, `classDef` per severity,
/// cross-region wires dotted (`-.->`) and coloured by `linkStyle`.
pub fn mermaid(g: &Graph) -> String {
    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&format!(
        "title: \"tfward region map: {}\"\n",
        mermaid_text(&g.summary()).replace('\\', "/")
    ));
    out.push_str("---\nflowchart LR\n");
    if g.folded {
        out.push_str(
            "  %% folded: one node per region and type; tfward map --no-fold shows each resource\n",
        );
    }
    for (ri, region) in g.regions.iter().enumerate() {
        let count: usize = g.in_region(region).map(|(_, n)| n.count).sum();
        out.push_str(&format!(
            "  subgraph R{ri}[\"{} · {count}\"]\n",
            mermaid_text(region)
        ));
        for (_, n) in g.in_region(region) {
            out.push_str(&format!(
                "    {}[\"{}\"]\n",
                n.id,
                mermaid_text(&node_text(n))
            ));
        }
        out.push_str("  end\n");
    }
    let mut crossing = Vec::new();
    for (i, e) in g.edges.iter().enumerate() {
        let arrow = if e.crosses_region { "-.->" } else { "-->" };
        out.push_str(&format!(
            "  {} {arrow}|\"{}\"| {}\n",
            g.nodes[e.from].id,
            mermaid_text(&edge_text(g, i)),
            g.nodes[e.to].id
        ));
        if e.crosses_region {
            crossing.push(i.to_string());
        }
    }
    for s in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ] {
        let (fill, stroke, text) = colours(Some(s));
        out.push_str(&format!(
            "  classDef {s} fill:{fill},stroke:{stroke},color:{text},stroke-width:2px\n"
        ));
        let members: Vec<&str> = g
            .nodes
            .iter()
            .filter(|n| n.severity == Some(s))
            .map(|n| n.id.as_str())
            .collect();
        if !members.is_empty() {
            out.push_str(&format!("  class {} {s}\n", members.join(",")));
        }
    }
    if !crossing.is_empty() {
        out.push_str(&format!(
            "  linkStyle {} stroke:{CROSS_COLOUR},stroke-width:3px\n",
            crossing.join(",")
        ));
    }
    out
}

/// A DOT string body: one line with `##[` broken (`escape_line`; a runner
/// reads stdout for workflow commands), then DOT's own quoting.
fn dot_text(text: &str) -> String {
    crate::output::escape_line(text)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
}

/// Graphviz DOT: a `cluster_<region>` subgraph per region.
pub fn dot(g: &Graph) -> String {
    let mut out = String::new();
    out.push_str("digraph tfward {\n");
    out.push_str("  rankdir=LR;\n");
    out.push_str(&format!(
        "  graph [label=\"tfward region map: {}\", labelloc=t, fontname=\"Helvetica\"];\n",
        dot_text(&g.summary())
    ));
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for region in &g.regions {
        let count: usize = g.in_region(region).map(|(_, n)| n.count).sum();
        out.push_str(&format!(
            "  subgraph \"cluster_{}\" {{\n    label=\"{} · {count}\";\n    style=rounded;\n    color=\"#94a3b8\";\n",
            dot_text(region),
            dot_text(region)
        ));
        for (_, n) in g.in_region(region) {
            let (fill, stroke, text) = colours(n.severity);
            out.push_str(&format!(
                "    {} [label=\"{}\", fillcolor=\"{fill}\", color=\"{stroke}\", fontcolor=\"{text}\"];\n",
                n.id,
                dot_text(&node_text(n))
            ));
        }
        out.push_str("  }\n");
    }
    for (i, e) in g.edges.iter().enumerate() {
        let style = if e.crosses_region {
            format!(
                ", style=dashed, color=\"{CROSS_COLOUR}\", fontcolor=\"{CROSS_COLOUR}\", penwidth=2"
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  {} -> {} [label=\"{}\"{style}];\n",
            g.nodes[e.from].id,
            g.nodes[e.to].id,
            dot_text(&edge_text(g, i))
        ));
    }
    out.push_str("}\n");
    out
}

/// Records layout-rs draw calls, to replay them shifted once the size of
/// every region's panel is known (layout-rs lays out a graph but has no clusters).
#[derive(Default)]
struct Recorder {
    ops: Vec<Op>,
}

enum Op {
    Rect(Point, Point, StyleAttr, Option<String>, Option<ClipHandle>),
    Line(Point, Point, StyleAttr, Option<String>),
    Circle(Point, Point, StyleAttr, Option<String>),
    Text(Point, String, StyleAttr),
    Arrow(
        Vec<(Point, Point)>,
        bool,
        (bool, bool),
        StyleAttr,
        Option<String>,
        String,
    ),
    Clip(Point, Point, usize),
}

impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        clip: Option<ClipHandle>,
    ) {
        self.ops
            .push(Op::Rect(xy, size, look.clone(), properties, clip));
    }
    fn draw_line(
        &mut self,
        start: Point,
        stop: Point,
        look: &StyleAttr,
        properties: Option<String>,
    ) {
        self.ops
            .push(Op::Line(start, stop, look.clone(), properties));
    }
    fn draw_circle(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
    ) {
        self.ops
            .push(Op::Circle(xy, size, look.clone(), properties));
    }
    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        self.ops.push(Op::Text(xy, text.to_string(), look.clone()));
    }
    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        properties: Option<String>,
        text: &str,
    ) {
        self.ops.push(Op::Arrow(
            path.to_vec(),
            dashed,
            head,
            look.clone(),
            properties,
            text.to_string(),
        ));
    }
    fn create_clip(&mut self, xy: Point, size: Point, rounded_px: usize) -> ClipHandle {
        self.ops.push(Op::Clip(xy, size, rounded_px));
        0
    }
}

impl Recorder {
    /// Replays into `rb`, shifted by `by`.
    fn replay(self, rb: &mut dyn RenderBackend, by: Point) {
        let mut clips: Vec<ClipHandle> = Vec::new();
        for op in self.ops {
            match op {
                Op::Rect(xy, size, look, props, clip) => rb.draw_rect(
                    xy.add(by),
                    size,
                    &look,
                    props,
                    clip.and_then(|c| clips.get(c).copied()),
                ),
                Op::Line(a, b, look, props) => rb.draw_line(a.add(by), b.add(by), &look, props),
                Op::Circle(xy, size, look, props) => rb.draw_circle(xy.add(by), size, &look, props),
                Op::Text(xy, text, look) => rb.draw_text(xy.add(by), &text, &look),
                Op::Arrow(path, dashed, head, look, props, text) => {
                    let path: Vec<(Point, Point)> =
                        path.iter().map(|(a, b)| (a.add(by), b.add(by))).collect();
                    rb.draw_arrow(&path, dashed, head, &look, props, &text)
                }
                Op::Clip(xy, size, rounded) => {
                    clips.push(rb.create_clip(xy.add(by), size, rounded))
                }
            }
        }
    }
}

const FONT: usize = 12;
const PANEL_GAP: f64 = 60.;
const TITLE: f64 = 34.;
const ROW_WIDTH: f64 = 2000.;

fn colour(web: &str) -> Color {
    Color::fast(web)
}

struct Panel {
    region: String,
    count: usize,
    recorder: Recorder,
    /// Node index → centre and size, in the panel's own coordinates.
    places: HashMap<usize, (Point, Point)>,
    size: Point,
}

fn layout_panel(g: &Graph, region: &str) -> Panel {
    let mut vg = VisualGraph::new(Orientation::TopToBottom);
    let mut handles = HashMap::new();
    let mut count = 0;
    for (i, n) in g.in_region(region) {
        count += n.count;
        let (fill, stroke, _) = colours(n.severity);
        let text = node_text(n);
        // layout-rs sizes text at one font size per character: too wide for our labels.
        let size = Point::new(
            text.chars().count() as f64 * FONT as f64 * 0.62 + 18.,
            FONT as f64 * 2.4,
        );
        let look = StyleAttr::new(colour(stroke), 2, Some(colour(fill)), 6, FONT);
        let props = format!(
            "class=\"node{}\" data-id=\"{}\"",
            n.severity.map_or(String::new(), |s| format!(" sev-{s}")),
            n.id
        );
        let elem = Element::create_with_properties(
            ShapeKind::new_box(&text),
            look,
            Orientation::LeftToRight,
            size,
            props,
        );
        handles.insert(i, vg.add_node(elem));
    }
    for (i, e) in g.edges.iter().enumerate() {
        if g.nodes[e.from].region != region || g.nodes[e.to].region != region {
            continue;
        }
        let (Some(&a), Some(&b)) = (handles.get(&e.from), handles.get(&e.to)) else {
            continue;
        };
        let look = StyleAttr::new(colour("#334155"), 1, None, 0, 10);
        let arrow = Arrow::new(
            LineEndKind::None,
            LineEndKind::Arrow,
            LineStyleKind::Normal,
            &edge_text(g, i),
            &look,
            &None,
            &None,
        );
        vg.add_edge(arrow, a, b);
    }
    let mut recorder = Recorder::default();
    if vg.num_nodes() > 0 {
        vg.do_it(false, false, false, &mut recorder);
    }
    // Extents and node places from what was drawn: the layout's own
    // positions are in its internal coordinates.
    let ids: HashMap<String, usize> = handles
        .keys()
        .map(|&i| (g.nodes[i].id.clone(), i))
        .collect();
    let mut places = HashMap::new();
    let mut max = Point::new(200., 40.);
    let mut grow = |p: Point| {
        max.x = max.x.max(p.x);
        max.y = max.y.max(p.y);
    };
    for op in &recorder.ops {
        match op {
            Op::Rect(xy, size, _, props, _) => {
                grow(xy.add(*size));
                let id = props
                    .as_deref()
                    .and_then(|p| p.split("data-id=\"").nth(1))
                    .and_then(|rest| rest.split('"').next());
                if let Some(&i) = id.and_then(|id| ids.get(id)) {
                    places.insert(i, (xy.add(size.scale(0.5)), *size));
                }
            }
            Op::Circle(xy, size, ..) => grow(xy.add(*size)),
            Op::Line(a, b, ..) => {
                grow(*a);
                grow(*b);
            }
            Op::Text(xy, text, look) => grow(xy.add(Point::new(
                text.chars().count() as f64 * look.font_size as f64 * 0.3,
                look.font_size as f64,
            ))),
            Op::Arrow(path, ..) => {
                for (a, b) in path {
                    grow(*a);
                    grow(*b);
                }
            }
            Op::Clip(..) => {}
        }
    }
    Panel {
        region: region.to_string(),
        count,
        recorder,
        places,
        size: Point::new(max.x + 20., max.y + 20.),
    }
}

/// What the colours and dashes mean.
pub const LEGEND: &str = "fill = worst finding (critical red, high pink, medium amber, low blue); dashed magenta = crosses a region";

/// SVG: each region laid out by layout-rs in its own panel; cross-region
/// wires drawn between the panels, dashed and coloured.
pub fn svg(g: &Graph) -> String {
    svg_with(g, true)
}

/// The SVG, with or without its title and legend (the HTML report has its own).
pub fn svg_with(g: &Graph, header: bool) -> String {
    let panels: Vec<Panel> = g.regions.iter().map(|r| layout_panel(g, r)).collect();
    let mut writer = SVGWriter::new();
    let top = if header {
        let header_look = StyleAttr::new(colour("#0f172a"), 1, None, 0, 14);
        let note = format!("tfward region map: {}", g.summary());
        writer.draw_text(
            Point::new(10. + note.len() as f64 * 3.6, 16.),
            &note,
            &header_look,
        );
        let legend_look = StyleAttr::new(colour("#334155"), 1, None, 0, 11);
        writer.draw_text(
            Point::new(10. + LEGEND.len() as f64 * 3.0, 36.),
            LEGEND,
            &legend_look,
        );
        60.
    } else {
        10.
    };
    // Panels left to right, wrapping into rows.
    let mut origin = Point::new(10., top);
    let mut row_height: f64 = 0.;
    let mut origins: Vec<Point> = Vec::new();
    // What was drawn: layout-rs's own canvas size counts text sideways.
    let mut extent = Point::new(if header { 1000. } else { 100. }, top);
    for panel in &panels {
        if origin.x > 10. && origin.x + panel.size.x > ROW_WIDTH {
            origin = Point::new(10., origin.y + row_height + PANEL_GAP);
            row_height = 0.;
        }
        origins.push(origin);
        row_height = row_height.max(panel.size.y + TITLE);
        extent.x = extent.x.max(origin.x + panel.size.x);
        extent.y = extent.y.max(origin.y + panel.size.y + TITLE);
        origin = Point::new(origin.x + panel.size.x + PANEL_GAP, origin.y);
    }
    // Node index → centre and size in the composed picture.
    let mut places: HashMap<usize, (Point, Point)> = HashMap::new();
    for (panel, at) in panels.iter().zip(&origins) {
        for (&i, &(centre, size)) in &panel.places {
            places.insert(i, (centre.add(*at).add(Point::new(0., TITLE)), size));
        }
    }
    let mut arcs: Vec<Arc> = Vec::new();
    for (i, e) in g.edges.iter().enumerate() {
        if g.nodes[e.from].region == g.nodes[e.to].region {
            continue;
        }
        let (Some(&a), Some(&b)) = (places.get(&e.from), places.get(&e.to)) else {
            continue;
        };
        // Leave and enter at the sides facing each other.
        let (start, end) = if a.0.x <= b.0.x {
            (
                a.0.add(Point::new(a.1.x / 2., 0.)),
                b.0.sub(Point::new(b.1.x / 2., 0.)),
            )
        } else {
            (
                a.0.sub(Point::new(a.1.x / 2., 0.)),
                b.0.add(Point::new(b.1.x / 2., 0.)),
            )
        };
        // Curves run left to right (their pull is rightwards); the arrow head
        // goes on whichever end is the target.
        let reversed = start.x > end.x;
        let (start, end) = if reversed { (end, start) } else { (start, end) };
        arcs.push(Arc {
            start,
            end,
            pull: ((end.x - start.x).abs() / 3.).max(40.),
            // Ends on one row: arch over the row instead of running through its nodes.
            arch: if (end.y - start.y).abs() < 30. {
                50. + (end.x - start.x).abs() * 0.12
            } else {
                0.
            },
            lift: 0.,
            label: edge_text(g, i),
            crosses: e.crosses_region,
            reversed,
        });
    }
    place_labels(&mut arcs);
    // Arcs over the first row reach above it: the panels move down to make
    // room, below the title and legend, rather than the arcs being cut off.
    let highest = arcs
        .iter()
        .map(|arc| arc.bounds().0.y)
        .fold(f64::INFINITY, f64::min);
    if highest < top {
        let down = Point::new(0., (top - highest).ceil());
        origins.iter_mut().for_each(|o| *o = o.add(down));
        for arc in &mut arcs {
            arc.start = arc.start.add(down);
            arc.end = arc.end.add(down);
        }
        extent.y += down.y;
    }
    let frame_look = StyleAttr::new(colour("#94a3b8"), 2, Some(colour("#f1f5f9")), 10, 14);
    let title_look = StyleAttr::new(colour("#0f172a"), 1, None, 0, 14);
    for (panel, at) in panels.iter().zip(&origins) {
        writer.draw_rect(
            *at,
            Point::new(panel.size.x, panel.size.y + TITLE),
            &frame_look,
            Some(format!(
                "class=\"region\" data-region=\"{}\"",
                super::escape::xml(&panel.region)
            )),
            None,
        );
        let title = format!("{} · {}", panel.region, panel.count);
        writer.draw_text(
            at.add(Point::new(panel.size.x / 2., 22.)),
            &title,
            &title_look,
        );
    }
    for (panel, at) in panels.into_iter().zip(&origins) {
        panel
            .recorder
            .replay(&mut writer, at.add(Point::new(0., TITLE)));
    }
    let text = writer.finalize();
    // The canvas holds what was drawn, arcs and their labels included (a long
    // label over a short wire can reach past the left edge: the view starts there).
    let (mut low, mut high) = (
        Point::new(0., 0.),
        Point::new(extent.x + 20., extent.y + 20.),
    );
    for arc in &arcs {
        let (top_left, bottom_right) = arc.bounds();
        low = Point::new(low.x.min(top_left.x - 10.), low.y.min(top_left.y - 10.));
        high = Point::new(
            high.x.max(bottom_right.x + 10.),
            high.y.max(bottom_right.y + 10.),
        );
    }
    let (x, y) = (low.x.floor(), low.y.floor());
    let (w, h) = ((high.x - x).ceil(), (high.y - y).ceil());
    // The XML declaration is kept out (the SVG is also inlined into HTML).
    let svg = format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"{x} {y} {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let wires: String = arcs.iter().map(Arc::svg).collect();
    match (
        text.find("<svg"),
        text.find("xmlns=\"http://www.w3.org/2000/svg\">"),
        text.rfind("</svg>"),
    ) {
        (Some(_), Some(open), Some(close)) => {
            let body = &text[open + "xmlns=\"http://www.w3.org/2000/svg\">".len()..close];
            format!("{svg}{body}{wires}</svg>\n")
        }
        _ => text,
    }
}

/// Font size of the labels on wires between panels.
const ARC_FONT: f64 = 11.;
/// How much higher the next arc's apex goes when its label would cover another's.
const ARC_STEP: f64 = ARC_FONT + 5.;

/// A wire between two panels: a cubic curve from `start` to `end` (left to
/// right) whose control points rise by `arch`, labelled at its middle.
struct Arc {
    start: Point,
    end: Point,
    pull: f64,
    arch: f64,
    /// How far the label sits above the curve's middle (wires between rows,
    /// which do not arch, move their label instead).
    lift: f64,
    label: String,
    crosses: bool,
    reversed: bool,
}

impl Arc {
    fn controls(&self) -> (Point, Point) {
        (
            self.start.add(Point::new(self.pull, -self.arch)),
            self.end.add(Point::new(-self.pull, -self.arch)),
        )
    }

    /// The curve's middle (t = ½): its apex when both ends are on one row.
    fn middle(&self) -> Point {
        let (c1, c2) = self.controls();
        Point::new(
            (self.start.x + 3. * c1.x + 3. * c2.x + self.end.x) / 8.,
            (self.start.y + 3. * c1.y + 3. * c2.y + self.end.y) / 8.,
        )
    }

    /// The label's box, top left and bottom right: centred over the middle,
    /// its baseline 4 px above the curve (about 0.6 em a character).
    fn label_box(&self) -> (Point, Point) {
        let m = self.middle();
        let width = self.label.chars().count() as f64 * ARC_FONT * 0.6;
        let baseline = m.y - 4. - self.lift;
        (
            Point::new(m.x - width / 2., baseline - ARC_FONT),
            Point::new(m.x + width / 2., baseline + 3.),
        )
    }

    /// What the wire covers: its control points hold the curve (a Bézier curve
    /// stays inside their hull), and the label.
    fn bounds(&self) -> (Point, Point) {
        let (c1, c2) = self.controls();
        let (l0, l1) = self.label_box();
        let points = [self.start, c1, c2, self.end, l0, l1];
        let min = |f: fn(&Point) -> f64| points.iter().map(f).fold(f64::INFINITY, f64::min);
        let max = |f: fn(&Point) -> f64| points.iter().map(f).fold(f64::NEG_INFINITY, f64::max);
        (
            Point::new(min(|p| p.x), min(|p| p.y)),
            Point::new(max(|p| p.x), max(|p| p.y)),
        )
    }

    fn svg(&self) -> String {
        let (c1, c2) = self.controls();
        let colour = if self.crosses {
            CROSS_COLOUR
        } else {
            "#64748b"
        };
        let (class, dash, width) = if self.crosses {
            ("edge cross-region", " stroke-dasharray=\"5,5\"", 2)
        } else {
            ("edge", "", 1)
        };
        let head = if self.reversed {
            "marker-start=\"url(#startarrow)\""
        } else {
            "marker-end=\"url(#endarrow)\""
        };
        let m = self.middle();
        format!(
            "<g class=\"{class}\">\n<path d=\"M {} {} C {} {}, {} {}, {} {}\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} {head} fill=\"none\" />\n<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{ARC_FONT}\" fill=\"{colour}\">{}</text>\n</g>\n",
            self.start.x,
            self.start.y,
            c1.x,
            c1.y,
            c2.x,
            c2.y,
            self.end.x,
            self.end.y,
            m.x,
            m.y - 4. - self.lift,
            super::escape::xml(&self.label)
        )
    }
}

fn overlaps(a: (Point, Point), b: (Point, Point)) -> bool {
    a.0.x < b.1.x && b.0.x < a.1.x && a.0.y < b.1.y && b.0.y < a.1.y
}

/// Labels that would cover each other move apart: shorter wires keep their
/// place, and each later one arches higher (or, between rows, lifts its label)
/// a step at a time until its label is clear of every label placed before.
fn place_labels(arcs: &mut [Arc]) {
    arcs.sort_by(|a, b| {
        let span = |arc: &Arc| (arc.end.x - arc.start.x).abs();
        span(a).total_cmp(&span(b))
    });
    let mut placed: Vec<(Point, Point)> = Vec::new();
    for arc in arcs.iter_mut() {
        // A step is taller than a label, so each placed label blocks at most
        // two steps: 2n + 1 steps always find a clear place.
        let mut steps = 0;
        while steps <= 2 * placed.len() && placed.iter().any(|&p| overlaps(p, arc.label_box())) {
            steps += 1;
            if arc.arch > 0. {
                // The middle of the curve rises by ¾ of its control points' rise.
                arc.arch += ARC_STEP / 0.75;
            } else {
                arc.lift += ARC_STEP;
            }
        }
        placed.push(arc.label_box());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::graph::{Edge, Graph, Node};
    use crate::rules::wiring::WireKind;

    fn node(id: &str, label: &str, region: &str, severity: Option<Severity>) -> Node {
        Node {
            id: id.to_string(),
            label: label.to_string(),
            r#type: "aws_kms_key".to_string(),
            region: region.to_string(),
            count: 1,
            severity,
            findings: usize::from(severity.is_some()),
            location: String::new(),
        }
    }

    fn sample() -> Graph {
        Graph {
            nodes: vec![
                node(
                    "n0",
                    r#"module.m["a#1"].aws_kms_key.k[0]"#,
                    "eu-west-1",
                    None,
                ),
                node(
                    "n1",
                    "aws_ebs_volume.<b>|x`",
                    "us-east-1",
                    Some(Severity::Critical),
                ),
            ],
            edges: vec![Edge {
                from: 1,
                to: 0,
                kind: WireKind::Key,
                crosses_region: true,
                count: 1,
            }],
            regions: vec!["eu-west-1".into(), "us-east-1".into()],
            total_resources: 2,
            shown_resources: 2,
            ..Graph::default()
        }
    }

    #[test]
    fn mermaid_labels_are_escaped_and_crossings_styled() {
        let m = mermaid(&sample());
        assert!(
            m.contains(r#"n0["module.m[#quot;a#35;1#quot;].aws_kms_key.k[0]"]"#),
            "{m}"
        );
        assert!(
            m.contains(r#"n1["aws_ebs_volume.#lt;b#gt;#124;x#96; (critical)"]"#),
            "{m}"
        );
        assert!(m.contains("n1 -.->|\"key · cross-region\"| n0"), "{m}");
        assert!(m.contains("linkStyle 0 stroke:#c026d3"), "{m}");
        assert!(m.contains("class n1 critical"), "{m}");
    }

    #[test]
    fn dot_and_svg_escape_too() {
        let d = dot(&sample());
        assert!(
            d.contains(r#"n0 [label="module.m[\"a#1\"].aws_kms_key.k[0]""#),
            "{d}"
        );
        let s = svg(&sample());
        assert!(s.contains("module.m[&quot;a#1&quot;]"), "{s}");
        assert!(s.contains("aws_ebs_volume.&lt;b&gt;|x`"), "{s}");
        assert!(!s.contains("<b>"));
    }

    #[test]
    fn folding_groups_by_region_and_type_and_keeps_crossings_apart() {
        let mut g = sample();
        g.nodes
            .push(node("n2", "aws_kms_key.other", "eu-west-1", None));
        g.edges.push(Edge {
            from: 2,
            to: 0,
            kind: WireKind::Key,
            crosses_region: false,
            count: 1,
        });
        let f = crate::report::graph::fold_graph(g);
        assert!(f.folded);
        let labels: Vec<&str> = f.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["aws_kms_key ×2", "aws_kms_key ×1"]);
        // The edge inside a group goes; the crossing stays, marked.
        assert_eq!(f.edges.len(), 1);
        assert!(f.edges[0].crosses_region);
        assert_eq!(f.nodes[1].severity, Some(Severity::Critical));
        assert!(mermaid(&f).contains("folded"));
    }
}
