#!/usr/bin/env bash
# The pull-request comment step of the tfward GitHub Action (action.yml,
# input `pr-comment: true`): keeps ONE comment with the Markdown report up to
# date, found again by the hidden marker on its first line. A new run edits
# it instead of adding a comment per push.
#
# Environment (action.yml maps it; nothing else is read):
#   TFWARD_REPORT        the Markdown report (`markdown-file` of the run step)
#   TFWARD_REPOSITORY    owner/name
#   TFWARD_PULL_REQUEST  the pull request's number
#   GH_TOKEN             a token with `pull-requests: write` (github.token)
#
# Uses the GitHub CLI (`gh api`), present on GitHub's hosted runners.
set -euo pipefail

marker='<!-- tfward -->'

fail() {
    printf '::error title=tfward action::%s\n' "$1"
    printf 'tfward action: %s\n' "$1" >&2
    exit 2
}

[[ -r ${TFWARD_REPORT:-} ]] || fail "no Markdown report to post (TFWARD_REPORT=${TFWARD_REPORT:-})"
[[ ${TFWARD_REPOSITORY:-} =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || fail "not a repository: ${TFWARD_REPOSITORY:-}"
[[ ${TFWARD_PULL_REQUEST:-} =~ ^[0-9]+$ ]] || fail "not a pull request number: ${TFWARD_PULL_REQUEST:-}"
command -v gh >/dev/null || fail "the GitHub CLI (gh) is needed for pr-comment"

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tfward-comment.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
{
    printf '%s\n' "$marker"
    cat -- "$TFWARD_REPORT"
} >"$tmp/body.md"

api="repos/$TFWARD_REPOSITORY/issues"
# The first comment of ours: the one whose body starts with the marker.
id=$(gh api --paginate "$api/$TFWARD_PULL_REQUEST/comments" \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1) ||
    fail "cannot list the comments of pull request #$TFWARD_PULL_REQUEST (does the workflow grant pull-requests: write?)"

# -F body=@FILE reads the value from the file: no size limit of the command line.
if [[ -n $id ]]; then
    gh api --method PATCH "$api/comments/$id" -F "body=@$tmp/body.md" >/dev/null ||
        fail "cannot update comment $id (pull-requests: write?)"
    printf 'tfward: updated the comment on pull request #%s\n' "$TFWARD_PULL_REQUEST" >&2
else
    gh api --method POST "$api/$TFWARD_PULL_REQUEST/comments" -F "body=@$tmp/body.md" >/dev/null ||
        fail "cannot comment on pull request #$TFWARD_PULL_REQUEST (pull-requests: write?)"
    printf 'tfward: commented on pull request #%s\n' "$TFWARD_PULL_REQUEST" >&2
fi
