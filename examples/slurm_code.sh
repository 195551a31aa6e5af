#!/bin/sh
# slurm_code.sh - one task of a Slurm job array codes one shard of the
# input (docs/scale.md); a job that depends on the array merges the shards:
#   jid=$(sbatch --parsable --array=0-15 examples/slurm_code.sh out/ corpus/)
#   sbatch --dependency=afterok:$jid --wrap "entente merge out/shard-*.sqlite -o all.sqlite"
# Every task reads the same INPUT list and keeps the documents whose id
# hashes to its shard. ENTENTE names the binary (default: entente on PATH).
#SBATCH --job-name=entente-code
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
set -eu
out=$1
shift
: "${SLURM_ARRAY_TASK_ID:?run as a Slurm array task (sbatch --array=0-N)}"
n=${SLURM_ARRAY_TASK_COUNT:-$((SLURM_ARRAY_TASK_MAX + 1))}
i=$SLURM_ARRAY_TASK_ID
mkdir -p "$out"
exec "${ENTENTE:-entente}" code "$@" --shard "$i/$n" --db "$out/shard-$i.sqlite" \
    -o "$out/shard-$i.jsonl" -q --no-progress
