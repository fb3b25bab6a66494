#!/usr/bin/env bash
# Replays the first-parent history of git mirrors with the built CLI, one JSON line per commit,
# for the README's "Precision on real histories" table. Usage:
#   scripts/replay-histories.sh <out-dir> <commits> <mirror-dir>...
# A mirror directory is named owner+name (as the workplace's fetch lays them out) or passed as
# owner+name=path. Summarize with: node scripts/count-findings.mjs <out-dir> [-v]
set -euo pipefail
out=$1; n=$2; shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
for spec in "$@"; do
  case $spec in
    *=*) name=${spec%%=*}; repo=${spec#*=} ;;
    *) repo=$spec; name=$(basename "$(dirname "$spec")") ;;
  esac
  slug=${name/+//}
  nice -n 19 node "$here/dist/cli/main.js" log --repo "$repo" --first-parent --commits "$n" \
    --format json --fail-on never --repository "$slug" > "$out/$name.jsonl" 2> "$out/$name.err" || true
  echo "$name: $(wc -l < "$out/$name.jsonl") commits" >&2
done
