#!/usr/bin/env bash
# The pull-request comment step of the tfward GitHub Action (action.yml,
# input `pr-comment: true`): keeps ONE comment with the Markdown report up to
# date, found again by the hidden marker on its first line and by its author
# (the token's user: a marker in someone else's comment is ignored). A new
# run edits it instead of adding a comment per push.
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

# Message data of a workflow command: %, CR and LF escaped.
escape_data() {
    local s=$1
    s=${s//'%'/%25}
    s=${s//$'\r'/%0D}
    s=${s//$'\n'/%0A}
    printf '%s' "$s"
}

fail() {
    printf '::error title=tfward action::%s\n' "$(escape_data "$1")"
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
# Whose comment this step may edit: the token's own user's. Anyone can write
# the marker into a comment of theirs; only the author check keeps the step
# from editing it. `GET /user` names the user of a personal access token; the
# workflow's GITHUB_TOKEN is refused there, and its comments are
# github-actions[bot]'s (a login no person can have: `[` is not allowed in
# user names). With another app's token no comment matches, and each run
# posts a new one: harmless.
me=$(gh api user --jq .login 2>/dev/null) || me=
me=${me:-github-actions[bot]}
[[ $me =~ ^[A-Za-z0-9-]+(\[bot\])?$ ]] || fail "unexpected user name from the GitHub API: $me"
# The first comment of ours: written by the token's user, its body starting with the marker.
id=$(gh api --paginate "$api/$TFWARD_PULL_REQUEST/comments" \
    --jq ".[] | select(.user.login == \"$me\" and (.body | startswith(\"$marker\"))) | .id" | head -n 1) ||
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
