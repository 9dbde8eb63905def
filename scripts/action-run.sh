#!/usr/bin/env bash
# The run step of the tfward GitHub Action (action.yml); also runs locally.
#
# Inputs come only from the environment (action.yml maps every input to one):
#   TFWARD_BIN               the tfward executable (default: `tfward` on PATH)
#   INPUT_PATHS              files / directories to check (default `.`)
#   INPUT_SEVERITY_THRESHOLD low|medium|high|critical (default: the policy's)
#   INPUT_POLICY             a policy file (optional)
#   INPUT_ARGS               further `tfward check` arguments (optional)
#   INPUT_SARIF_FILE         where the SARIF log goes (default `tfward.sarif`)
#   INPUT_FAIL_ON_FINDINGS   true|false (default true)
#   INPUT_PR_COMMENT         true|false (default false): passed on as the output
#                            `pr-comment` for the comment step (action-comment.sh)
#   INPUT_SOURCE             the configuration a plan in INPUT_PATHS was made
#                            from (`--source`): `auto` (default) = the working
#                            directory when it holds .tf / .tf.json files and a
#                            path is a file; empty or `none` = not passed
#   INPUT_WORKING_DIRECTORY  where tfward runs (default `.`); every relative path
#                            above and in INPUT_ARGS is relative to it
#   GITHUB_WORKSPACE         the repository root: reported file paths are made
#                            relative to it (unset: left relative to the working directory)
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   set by the runner; skipped when unset
#
# INPUT_PATHS and INPUT_ARGS are split into words like a shell would, with
# '...', "..." and \ quoting but no expansion of any kind (xargs does the
# splitting; nothing is evaluated).
#
# tfward runs once and writes five reports (`--output FORMAT=FILE`): json
# (the count, and the verdict), human (to the log, fenced like stderr), sarif
# (to the SARIF file), github (workflow commands on stdout: the annotations),
# markdown (appended to the step summary, and kept in RUNNER_TEMP for the
# pull-request comment). Then `findings=<n>`,
# `sarif-file=<path>`, `markdown-file=<path>` and `pr-comment=<bool>` go to
# GITHUB_OUTPUT.
#
# Exit status: 0 = no finding at or above the threshold, or fail-on-findings
# is false; 1 = findings at or above the threshold and fail-on-findings is
# true; 2 = tfward could not run (usage error, unreadable input or policy),
# or an input of this action is invalid.
set -euo pipefail

# Message data of a workflow command: %, CR and LF escaped.
escape_data() {
    local s=$1
    s=${s//'%'/%25}
    s=${s//$'\r'/%0D}
    s=${s//$'\n'/%0A}
    printf '%s' "$s"
}

# Property value of a workflow command: also `:` and `,`.
escape_property() {
    local s
    s=$(escape_data "$1")
    s=${s//:/%3A}
    s=${s//,/%2C}
    printf '%s' "$s"
}

# new_token: prints 32 random hex digits, or fails.
new_token() {
    local token
    token=$(openssl rand -hex 16 2>/dev/null) ||
        token=$(od -An -N16 -tx1 /dev/urandom 2>/dev/null | tr -d ' \n') ||
        token=
    [[ $token =~ ^[0-9a-f]{32}$ ]] || return 1
    printf '%s' "$token"
}

# to_log: copies stdin to stderr so that the runner reads no workflow command
# from it. tfward's messages quote the checked files (a module source, a
# folder name), which a pull request controls and could fill with
# `::add-mask::`, `::error::` or `##[...]`; the runner ignores every command
# between `::stop-commands::TOKEN` and `::TOKEN::`, and a fresh random token
# per call means the text cannot end the fence early.
to_log() {
    local text token
    text=$(cat)
    [[ -n $text ]] || return 0
    if ! token=$(new_token); then
        printf 'tfward action: output withheld: no random source (openssl or /dev/urandom) to fence it\n' >&2
        return 0
    fi
    printf '::stop-commands::%s\n%s\n::%s::\n' "$token" "$text" "$token" >&2
}

# An action-level error: an annotation on stdout, the text on stderr, exit 2.
fail() {
    printf '::error title=tfward action::%s\n' "$(escape_data "$1")"
    printf 'tfward action: %s\n' "$1" | to_log
    exit 2
}

# split_words TEXT: sets the array `words` to the words of TEXT.
split_words() {
    local word
    words=()
    # -r: no run at all on empty input (GNU runs once); printf puts a NUL after each word.
    if ! printf '%s' "$1" | xargs -r printf '%s\0' >"$tmp/words" 2>"$tmp/xargs.err"; then
        fail "cannot split into words (unbalanced quote?): $1: $(head -n 1 "$tmp/xargs.err")"
    fi
    while IFS= read -r -d '' word; do
        words+=("$word")
    done <"$tmp/words"
}

# Removes `.` and empty segments and folds `dir/..` in a /-separated path
# (a leading `/` is kept).
normalize_path() {
    local rest=$1 seg out='' n=0 lead=''
    [[ $rest == /* ]] && lead=/
    while [[ -n $rest ]]; do
        seg=${rest%%/*}
        if [[ $rest == */* ]]; then rest=${rest#*/}; else rest=''; fi
        case $seg in
            '' | .) ;;
            ..)
                if ((n > 0)) && [[ $out != .. && $out != */.. ]]; then
                    if [[ $out == */* ]]; then out=${out%/*}; else out=''; fi
                    n=$((n - 1))
                elif [[ -z $lead ]]; then
                    out=${out:+$out/}..
                    n=$((n + 1))
                fi
                ;;
            *)
                out=${out:+$out/}$seg
                n=$((n + 1))
                ;;
        esac
    done
    out=$lead$out
    printf '%s' "${out:-.}"
}

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tfward-action.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

bin=${TFWARD_BIN:-tfward}
working_directory=${INPUT_WORKING_DIRECTORY:-.}
sarif_file=${INPUT_SARIF_FILE:-tfward.sarif}
threshold=${INPUT_SEVERITY_THRESHOLD:-}
policy=${INPUT_POLICY:-}

fail_on_findings=$(printf '%s' "${INPUT_FAIL_ON_FINDINGS:-true}" | tr '[:upper:]' '[:lower:]')
case $fail_on_findings in
    true | false) ;;
    *) fail "fail-on-findings must be true or false, not '${INPUT_FAIL_ON_FINDINGS}'" ;;
esac
pr_comment=$(printf '%s' "${INPUT_PR_COMMENT:-false}" | tr '[:upper:]' '[:lower:]')
case $pr_comment in
    true | false) ;;
    *) fail "pr-comment must be true or false, not '${INPUT_PR_COMMENT}'" ;;
esac
case $sarif_file in
    *$'\n'* | *$'\r'*) fail "sarif-file must not contain a line break" ;;
esac

split_words "${INPUT_PATHS:-.}"
paths=(${words[@]+"${words[@]}"})
if ((${#paths[@]} == 0)); then
    paths=(.)
fi
split_words "${INPUT_ARGS:-}"
extra_args=(${words[@]+"${words[@]}"})

if [[ $bin == */* ]]; then
    [[ -x $bin ]] || fail "TFWARD_BIN is not an executable file: $bin"
else
    command -v "$bin" >/dev/null || fail "tfward not found on PATH (set TFWARD_BIN)"
fi
# A relative TFWARD_BIN is relative to where we started, not to the working directory.
if [[ $bin == */* && $bin != /* ]]; then
    bin="$PWD/$bin"
fi

cd -- "$working_directory" 2>/dev/null || fail "working-directory does not exist: $working_directory"

# The working directory relative to the repository root: tfward reports files
# relative to where it runs, GitHub wants them relative to the repository.
here=$(pwd -P)
in_repository=false
prefix=
if [[ -n ${GITHUB_WORKSPACE:-} ]]; then
    workspace=$(cd -- "$GITHUB_WORKSPACE" && pwd -P) || fail "GITHUB_WORKSPACE does not exist: $GITHUB_WORKSPACE"
    if [[ $here == "$workspace" ]]; then
        in_repository=true
    elif [[ $here == "$workspace"/* ]]; then
        in_repository=true
        prefix=${here#"$workspace"/}
    else
        printf '::warning title=tfward action::%s\n' \
            "$(escape_data "working-directory $here is outside the repository ($workspace): file paths stay relative to it")"
    fi
fi

# No stale log from an earlier run when this one fails.
rm -f -- "$sarif_file"
sarif_dir=$(dirname -- "$sarif_file")
mkdir -p -- "$sarif_dir" || fail "cannot create the directory of sarif-file: $sarif_dir"

common_args=()
if [[ -n $threshold ]]; then
    common_args+=(--severity-threshold "$threshold")
fi
if [[ -n $policy ]]; then
    common_args+=(--policy "$policy")
fi
# A plan is checked with the configuration it was made from: its .tf lines,
# and what the plan leaves unknown (locals, regions from expressions).
source_dir=${INPUT_SOURCE-auto}
if [[ $source_dir == auto ]]; then
    source_dir=
    has_file=false
    for p in "${paths[@]}"; do
        [[ -f $p ]] && has_file=true
    done
    if $has_file && { compgen -G '*.tf' >/dev/null || compgen -G '*.tf.json' >/dev/null; }; then
        source_dir=.
    fi
    for a in ${extra_args[@]+"${extra_args[@]}"}; do
        [[ $a == --source || $a == --source=* ]] && source_dir=
    done
    # Only a configuration tfward can read: else the plans are checked alone.
    if [[ -n $source_dir ]] && ! "$bin" inventory --format json -- . >/dev/null 2>&1; then
        printf '::notice title=tfward action::%s\n' \
            "$(escape_data "the configuration in the working directory could not be read (run tfward inventory . to see why): plans are checked without --source")"
        source_dir=
    fi
elif [[ $source_dir == none ]]; then
    source_dir=
fi
if [[ -n $source_dir ]]; then
    common_args+=(--source "$source_dir")
fi
common_args+=(${extra_args[@]+"${extra_args[@]}"})

# run_tfward FORMAT OUT [EXTRA...]: tfward check into the file OUT; sets `status`.
# Paths come after `--`, so that a path starting with `-` stays a path.
run_tfward() {
    local format=$1 out=$2
    shift 2
    status=0
    "$bin" check --format "$format" "$@" ${common_args[@]+"${common_args[@]}"} -- "${paths[@]}" \
        >"$out" 2>"$tmp/stderr" || status=$?
    case $status in
        0 | 1) ;;
        *)
            to_log <"$tmp/stderr"
            local message
            message=$(grep -v '^[[:space:]]*$' "$tmp/stderr" | head -n 1 || true)
            fail "tfward check --format $format exited $status: ${message:-no message}"
            ;;
    esac
}

# One run writes every report: JSON (the verdict and the count) to stdout,
# the human report, SARIF, annotations and Markdown to files. Its stderr
# (notes such as skipped remote modules) is shown once, then the human report.
run_tfward json "$tmp/report.json" \
    --output "human=$tmp/report.txt" \
    --output "sarif=$tmp/report.sarif" \
    --output "github=$tmp/report.github" \
    --output "markdown=$tmp/report.md"
verdict=$status
to_log <"$tmp/stderr"
# It quotes the checked files, which a pull request controls: fenced too.
to_log <"$tmp/report.txt"
if command -v jq >/dev/null; then
    findings=$(jq -r '.summary.total' "$tmp/report.json")
else
    # Pretty-printed JSON; the summary is the last object, so its "total" is the
    # last match (a message may quote `"total":` too, but never after it).
    findings=$(sed -n 's/.*"total": *\([0-9][0-9]*\).*/\1/p' "$tmp/report.json" | tail -n 1)
fi
[[ $findings =~ ^[0-9]+$ ]] || fail "cannot read the number of findings from tfward's JSON report"

# SARIF, with artifact URIs made relative to the repository root.
if [[ -n $prefix ]]; then
    if command -v jq >/dev/null; then
        uri_prefix=${prefix//'%'/%25}
        uri_prefix=${uri_prefix// /%20}
        jq --arg prefix "$uri_prefix" '
            def norm: split("/")
                | reduce .[] as $s ([];
                    if $s == "." or $s == "" then .
                    elif $s == ".." and length > 0 and .[-1] != ".." then .[:-1]
                    else . + [$s] end)
                | join("/");
            (.. | objects | select(has("artifactLocation")) | .artifactLocation
                | select(.uri? | type == "string" and (test("^[A-Za-z][A-Za-z0-9+.-]*:") | not))
                | .uri) |= ($prefix + "/" + . | norm)
        ' "$tmp/report.sarif" >"$tmp/report.sarif.rebased" || fail "jq failed on the SARIF log"
        mv -- "$tmp/report.sarif.rebased" "$tmp/report.sarif"
    else
        printf '::warning title=tfward action::%s\n' \
            "SARIF file locations are relative to working-directory ($prefix): jq is needed to make them relative to the repository"
    fi
fi
cp -- "$tmp/report.sarif" "$sarif_file" || fail "cannot write sarif-file: $sarif_file"

# Annotations: workflow commands on stdout, file paths made relative to the repository.
prefix_property=$(escape_property "$prefix")
while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^::(error|warning|notice)\ file=([^,:]*)(.*)$ ]]; then
        command=${BASH_REMATCH[1]}
        file=${BASH_REMATCH[2]}
        rest=${BASH_REMATCH[3]}
        # tfward writes the file as a SARIF URI (a space as %20, escaped once more
        # as %2520), but the runner takes a plain path: put the spaces back.
        file=${file//%2520/ }
        if [[ $file != file%3A* ]]; then
            if [[ -n $prefix ]]; then
                file="$prefix_property/$file"
            fi
            file=$(normalize_path "$file")
        fi
        line="::$command file=$file$rest"
    fi
    printf '%s\n' "$line"
done <"$tmp/report.github"

# The Markdown report (findings and the Mermaid region map), appended to
# the job summary and kept for the pull-request comment step.
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    {
        cat "$tmp/report.md"
        printf '\n'
    } >>"$GITHUB_STEP_SUMMARY"
fi
report_dir=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tfward-report.XXXXXX")
markdown_file="$report_dir/tfward-report.md"
cp -- "$tmp/report.md" "$markdown_file" || fail "cannot keep the Markdown report in $report_dir"

# The SARIF path for later steps (upload-sarif resolves it from the repository
# root): repository-relative when possible, else absolute.
case $sarif_file in
    /* | [A-Za-z]:[\\/]*) sarif_output=$sarif_file ;;
    *)
        if [[ $in_repository == true ]]; then
            sarif_output=$(normalize_path "${prefix:+$prefix/}$sarif_file")
        else
            sarif_output=$(normalize_path "$here/$sarif_file")
        fi
        ;;
esac
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    {
        printf 'findings=%s\n' "$findings"
        printf 'sarif-file=%s\n' "$sarif_output"
        printf 'markdown-file=%s\n' "$markdown_file"
        printf 'pr-comment=%s\n' "$pr_comment"
    } >>"$GITHUB_OUTPUT"
fi
printf 'tfward: %s finding(s); SARIF log: %s\n' "$findings" "$sarif_output" >&2

if ((verdict == 1)) && [[ $fail_on_findings == true ]]; then
    exit 1
fi
exit 0
