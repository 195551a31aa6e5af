# accuracy_sets.sh - sourced by test/accuracy.sh and test/accuracy_floors.sh:
# set_file NAME prints the gold file of an accuracy set (SHARED is
# ../shared beside the repository unless set).
SHARED=${SHARED:-../shared}
set_file() {
    case "$1" in
    realnews-dev) echo "$SHARED/gold/realnews-dev.jsonl" ;;
    pentaclass) echo "$SHARED/gold/conflibert-pentaclass-train.jsonl" ;;
    plover-gsr) echo "$SHARED/gold/plover-gsr.jsonl" ;;
    dev) echo "test/gold/dev.jsonl" ;;
    heldout) echo "test/gold/heldout.jsonl" ;;
    *) echo "" ;;
    esac
}
