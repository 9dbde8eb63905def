//! `tfward plan`: runs `terraform plan -out=<tmp>` (or `tofu`), streams its
//! output, renders the saved plan with `show -json`, and checks it.
//!
//! Exit codes: terraform's own when `plan` fails; else 1 on findings at or
//! above the threshold; else terraform's (with `-detailed-exitcode`, 2 means
//! "changes present"). Ctrl-C stops terraform too; the temporary plan is
//! always removed unless `--keep-plan` names where to keep it.

use super::check::check_and_report;
use super::{Finished, Outcome, Rulebook, find_config, with_notes};
use crate::cli::PlanArgs;
use crate::error::{Error, Result};
use crate::output::{forward_to_stderr, message};
use crate::report::Style;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

pub(crate) fn run(
    args: &PlanArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    style: Style,
) -> Result<Finished> {
    let report = &args.report;
    // A broken policy or rule id fails before terraform runs.
    let config = find_config(&report.policy, Path::new("."))?;
    let rulebook = Rulebook::new(
        &report.policy,
        config.as_ref(),
        report.severity_threshold,
        &report.selection,
    )?;
    let bin: PathBuf = match (&args.terraform_bin, args.tofu) {
        (Some(path), _) => path.clone(),
        (None, true) => "tofu".into(),
        (None, false) => "terraform".into(),
    };
    // The temporary directory (and the plan in it) is removed when this drops, on every path.
    let scratch = tempfile::Builder::new()
        .prefix("tfward-plan-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let plan_file = match &args.keep_plan {
        Some(path) => path.clone(),
        None => scratch.path().join("plan.tfplan"),
    };

    let mut plan_cmd = Command::new(&bin);
    plan_cmd
        .arg("plan")
        .arg(format!("-out={}", plan_file.display()))
        .args(&args.terraform_args);
    let (status, interrupted) = run_forwarding_signals(&mut plan_cmd, &bin, true)?;
    if let Some(signal) = interrupted {
        message(
            err,
            format_args!("tfward: interrupted: terraform stopped; nothing was checked"),
        );
        return Ok(Outcome::Exit(128 + signal as u8).into());
    }
    let detailed = args
        .terraform_args
        .iter()
        .any(|a| a == "-detailed-exitcode" || a == "--detailed-exitcode");
    let plan_code = status.code().unwrap_or(1);
    let changes_present = detailed && plan_code == 2;
    if plan_code != 0 && !changes_present {
        message(
            err,
            format_args!(
                "tfward: `{} plan` failed with exit code {plan_code}; nothing was checked",
                bin.display()
            ),
        );
        return Ok(Outcome::Exit(plan_code.clamp(1, 255) as u8).into());
    }

    let mut show_cmd = Command::new(&bin);
    show_cmd.arg("show").arg("-json").arg(&plan_file);
    let json = capture(&mut show_cmd, &bin)?;
    if !json.status.success() {
        let code = json.status.code().unwrap_or(1);
        message(
            err,
            format_args!(
                "tfward: `{} show -json` failed with exit code {code}",
                bin.display()
            ),
        );
        return Ok(Outcome::Exit(code.clamp(1, 255) as u8).into());
    }
    let source = Path::new("terraform-plan.json");
    // The plan was made from the configuration here: it fills in what the plan leaves unknown.
    let opts = crate::load::LoadOptions::default();
    let plans = crate::load::load_bytes(source, &json.stdout, &opts)?;
    let here = Path::new(".");
    // terraform has just planned this configuration: if tfward cannot read
    // it (a budget, something it does not evaluate), the plan is still checked.
    let plans = if crate::load::config::module_dir::has_config_files(here)? {
        plans
            .into_iter()
            .map(
                |plan| match crate::load::complete_with_source(plan, here, &opts) {
                    Ok(merged) => merged,
                    Err(failed) => {
                        let (plan, e) = *failed;
                        message(
                            err,
                            format_args!(
                                "tfward: note: the configuration here is not used ({e}); checking the plan alone"
                            ),
                        );
                        plan
                    }
                },
            )
            .collect()
    } else {
        plans
    };
    let models = with_notes(plans, err);
    let outcome = check_and_report(report, &rulebook, &models, out, err, style)?;
    drop(scratch);
    let outcome = match outcome {
        Outcome::Findings => Outcome::Findings,
        _ if changes_present => Outcome::Exit(2),
        other => other,
    };
    Ok(Finished { outcome, models })
}

/// Runs a command with its output streamed to our stderr (stdout is the
/// report's), forwarding SIGINT/SIGTERM to it. Returns its status and the
/// signal that interrupted us, if any.
fn run_forwarding_signals(
    cmd: &mut Command,
    bin: &Path,
    stream: bool,
) -> Result<(std::process::ExitStatus, Option<i32>)> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    // Both streams go to our stderr (stdout is the report's) line by line
    // through the filter every line tfward prints passes: terraform's plan
    // quotes the configuration, which can put `::command::` at a line start.
    if stream {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    }
    let child_pid = Arc::new(AtomicU32::new(0));
    let received = Arc::new(AtomicI32::new(0));
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
        .map_err(|e| Error::io("<signals>", e))?;
    let handle = signals.handle();
    let forwarder = {
        let child_pid = Arc::clone(&child_pid);
        let received = Arc::clone(&received);
        // A terminal delivers Ctrl-C to the whole process group, terraform included;
        // a signal sent to tfward alone (CI runners, `kill`) is passed on.
        let forward = !std::io::IsTerminal::is_terminal(&std::io::stdin());
        std::thread::spawn(move || {
            for signal in signals.forever() {
                received.store(signal, Ordering::SeqCst);
                let pid = child_pid.load(Ordering::SeqCst);
                if forward && pid != 0 {
                    // SAFETY: kill(2) with a pid of our own child and a valid signal number.
                    unsafe {
                        libc::kill(pid as libc::pid_t, signal);
                    }
                }
            }
        })
    };
    let spawned = cmd.spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            handle.close();
            let _ = forwarder.join();
            return Err(Error::Usage(format!("cannot run `{}`: {e}", bin.display())));
        }
    };
    child_pid.store(child.id(), Ordering::SeqCst);
    let forwarders: Vec<_> = [
        child.stdout.take().map(forward_to_stderr),
        child.stderr.take().map(forward_to_stderr),
    ]
    .into_iter()
    .flatten()
    .collect();
    let status = child.wait().map_err(|e| Error::io(bin, e));
    for forwarder in forwarders {
        let _ = forwarder.join();
    }
    handle.close();
    let _ = forwarder.join();
    let signal = received.load(Ordering::SeqCst);
    Ok((status?, (signal != 0).then_some(signal)))
}

/// Runs `cmd` for its stdout; its stderr is forwarded (see `run_forwarding_signals`).
fn capture(cmd: &mut Command, bin: &Path) -> Result<std::process::Output> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Usage(format!("cannot run `{}`: {e}", bin.display())))?;
    let forwarder = child.stderr.take().map(forward_to_stderr);
    let output = child.wait_with_output().map_err(|e| Error::io(bin, e));
    if let Some(forwarder) = forwarder {
        let _ = forwarder.join();
    }
    output
}
