//! `tfward map`: the region map of the inputs, coloured by their findings.

use super::{Finished, Inputs, Outcome, stdout_error};
use crate::cli::MapArgs;
use crate::error::Result;
use crate::output;
use crate::report::{self, MapFormat};
use std::io::Write;

pub(crate) fn run(args: &MapArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Finished> {
    // The same policy, rules and loading as `check`, so findings colour the map.
    let Inputs { rulebook, models } =
        Inputs::prepare(&args.input, &args.policy, None, &args.selection, err)?;
    let rules = rulebook.rules();
    let (mut findings, wires) = rulebook.run(&rules, &models, true);
    crate::rules::sort(&mut findings);
    let opts = report::graph::Options {
        all: args.all,
        fold: if args.no_fold {
            report::graph::Fold::Never
        } else {
            report::graph::Fold::Auto
        },
    };
    let mut graph = report::graph::build(&models, &wires, &findings, opts);
    if args.format == MapFormat::Svg
        && !graph.folded
        && graph.nodes.len() > report::map::SVG_LAYOUT_LIMIT
    {
        output::message(
            err,
            format_args!(
                "tfward: note: laying out {} nodes would take too long (layout time grows steeply); the SVG is folded (--format dot or mermaid draw every resource)",
                graph.nodes.len()
            ),
        );
        graph = report::graph::fold_graph(graph);
    }
    let text = match args.format {
        MapFormat::Mermaid => report::map::mermaid(&graph),
        MapFormat::Dot => report::map::dot(&graph),
        MapFormat::Svg => report::map::svg(&graph),
    };
    match &args.output {
        Some(path) => output::write_output(path, Some(args.format.escapes()), |w| {
            w.write_all(text.as_bytes())
        })?,
        None => out.write_all(text.as_bytes()).map_err(stdout_error)?,
    }
    Ok(Finished {
        outcome: Outcome::Clean,
        models,
    })
}
