#!/bin/sh
# install_test.sh - `make install` into a temporary prefix (and a staged
# DESTDIR), then the example examples/code_text.c built with pkg-config
# against the installed copy and run with the installed data; the installed
# binary reads the installed data; the man page is the --help text.
# Prints "install: N passed, N failed".
BUILD=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $d"; fi
}
P=$T/prefix
make -s install PREFIX="$P" > "$T/install.log" 2>&1
check "make install PREFIX=: exit status 0" [ $? -eq 0 ]
check "the soname is versioned: libentente.so.1 -> libentente.so.1.0.0" sh -c \
    "[ \"\$(readlink '$P/lib/libentente.so.1')\" = libentente.so.1.0.0 ] && \
     readelf -d '$P/lib/libentente.so.1.0.0' | grep -q 'SONAME.*libentente.so.1\\]'"
check "binary, static library, header, data, man page installed" sh -c \
    "[ -x '$P/bin/entente' ] && [ -f '$P/lib/libentente.a' ] && [ -f '$P/include/entente.h' ] && \
     [ -f '$P/share/entente/verbs.txt' ] && [ -f '$P/share/entente/en.syntax' ] && \
     [ -f '$P/share/man/man1/entente.1' ]"
check "only the public API is exported" sh -c \
    "[ \$(nm -D --defined-only '$P/lib/libentente.so' | awk '\$2 ~ /[TDB]/' | grep -vc ' ent_') -eq 0 ]"
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
check "pkg-config knows the installed prefix" sh -c \
    "[ \"\$(pkg-config --variable=prefix entente)\" = '$P' ] && pkg-config --cflags entente | grep -q -- '-I$P/include'"
# shellcheck disable=SC2046
# a sanitizer build of the library needs its runtimes in the program too
cc -std=c11 -Wall -Wextra -Werror ${SANFLAGS:-} examples/code_text.c $(pkg-config --cflags --libs entente) \
    -o "$T/code_text" 2> "$T/cc.log"
check "examples/code_text.c builds against the installed copy" [ $? -eq 0 ]
check "the example is linked to the shared library's soname" sh -c \
    "readelf -d '$T/code_text' | grep -q 'NEEDED.*libentente.so.1\\]'"
(cd / && env -u ENTENTE_DATA LD_LIBRARY_PATH="$P/lib" "$T/code_text" \
    "Russian forces attacked Ukrainian positions." 2022-03-01) > "$T/ex.out" 2> "$T/ex.err"
check "the example codes its sentence with the installed data (RUSMIL 190 UKRMIL)" \
    grep -q '^RUSMIL 19[0-9]* UKRMIL (asserted) 2022-03-01$' "$T/ex.out"
# a name only the installed actors.txt knows proves which data is read
printf 'Zzyzxland | ZZZ | country\n' >> "$P/share/entente/actors.txt"
echo "Zzyzxland condemned Israel." | (cd / && env -u ENTENTE_DATA "$P/bin/entente" code - \
    --date 2020-01-01 -q --no-progress) > "$T/bin.out" 2>/dev/null
check "the installed binary reads the installed data" grep -q '"code":"ZZZ"' "$T/bin.out"
(cd / && env -u ENTENTE_DATA LD_LIBRARY_PATH="$P/lib" "$T/code_text" "Zzyzxland condemned Israel.") \
    > "$T/ex2.out" 2>/dev/null
check "the installed library finds the installed data (ent_datadir)" grep -q '^ZZZ 111 ISR' "$T/ex2.out"
"$BUILD/entente" help code | sed -n 3p > "$T/line"
check "the man page carries the --help text" grep -qF -- "$(cat "$T/line")" "$P/share/man/man1/entente.1"
make -s install PREFIX=/usr DESTDIR="$T/stage" > /dev/null 2>&1
check "make install DESTDIR= stages under DESTDIR with PREFIX in entente.pc" sh -c \
    "[ -f '$T/stage/usr/lib/libentente.so.1.0.0' ] && grep -q '^prefix=/usr$' '$T/stage/usr/lib/pkgconfig/entente.pc'"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
