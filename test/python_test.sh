#!/bin/sh
# python_test.sh - the Python package: its pytest suite (python/tests/)
# against this build's libentente.so and entente tool, then `pip install`
# of python/ (offline, no build isolation) into a temporary venv, used
# with a library installed by `make install` into a temporary prefix: a
# folder coded into a DataFrame, as a user would.
# Prints "python: N passed, N failed". Needs Debian's python3-cffi,
# python3-pandas, python3-pytest (tools/install-deps.sh).
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" > "$T/check.out" 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $d"; cat "$T/check.out"; fi
}
if [ "$BUILD" != build ]; then
    # python cannot load a sanitizer build of the library without preloading
    # the sanitizer runtimes; the plain build runs these tests
    echo "python: 0 passed, 0 failed (plain build only)"
    exit 0
fi
ROOT=$(pwd)
ENTENTE_LIB="$ROOT/$BUILD/libentente.so" ENTENTE_BIN="$ROOT/$BUILD/entente" ENTENTE_DATA="$ROOT/data" \
    SHARED="$(cd "$SHARED" && pwd)" PYTHONPATH="$ROOT/python" \
    $PY -m pytest -q -p no:cacheprovider "$ROOT/python/tests" > "$T/pytest.out" 2>&1
tail -30 "$T/pytest.out"
summary=$(tail -1 "$T/pytest.out")
p=$(echo "$summary" | sed -n -E 's/.*[^0-9]?([0-9]+) passed.*/\1/p')
f=$(echo "$summary" | sed -n -E 's/.*[^0-9]?([0-9]+) (failed|error).*/\1/p')
pass=$((pass + ${p:-0}))
fail=$((fail + ${f:-0}))
[ -n "$p" ] || fail=$((fail + 1))

# pip install ./python offline (a copy: setuptools builds in the tree)
cp -r python "$T/src"
rm -rf "$T/src/build" "$T/src"/*.egg-info
check "a venv (Debian's packages visible) without network" \
    $PY -m venv --system-site-packages "$T/venv"
check "pip install --no-build-isolation --no-index ./python" \
    "$T/venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation \
    --no-index "$T/src"
site=$(ls -d "$T"/venv/lib/python3*/site-packages)
check "the installed package holds entente/__init__.py" [ -f "$site/entente/__init__.py" ]
make -s install PREFIX="$T/prefix" > /dev/null 2>&1
mkdir -p "$T/folder"
head -40 "$SHARED/corpora/fakes-syria.jsonl" > "$T/folder/a.jsonl"
cat > "$T/use.py" <<'PYEOF'
import sys, entente
df = entente.frame(entente.code_files([sys.argv[1]]))
assert entente.__file__.startswith(sys.argv[2]), entente.__file__
assert entente.lib_path() == "libentente.so.1", entente.lib_path()
assert entente.datadir().endswith("/share/entente"), entente.datadir()
assert len(df) > 50 and str(df["code"].dtype) == "string"
print(len(df), "events")
PYEOF
"$ROOT/$BUILD/entente" code "$T/folder" -q --no-progress 2>/dev/null | wc -l > "$T/cli.n"
(cd "$T" && env -u ENTENTE_DATA -u ENTENTE_LIB -u PYTHONPATH LD_LIBRARY_PATH="$T/prefix/lib" \
    "$T/venv/bin/python" "$T/use.py" "$T/folder" "$site") > "$T/use.out" 2>&1
check "installed package + installed library: a folder into a DataFrame" grep -q "events" "$T/use.out"
check "... with as many events as entente code" [ "$(cut -d' ' -f1 "$T/use.out")" = "$(cat "$T/cli.n")" ]
echo "python: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
