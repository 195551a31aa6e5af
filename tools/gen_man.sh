#!/bin/sh
# gen_man.sh - write the man page entente(1) to standard output from the
# very text `entente help` and `entente help code` print, so the page and
# --help cannot drift apart. usage: sh tools/gen_man.sh BUILD/entente
set -eu
E=$1
v=$("$E" version | sed 's/^entente //')
# roff: escape backslashes; a line starting with . or ' is quoted
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" -e 's/^$/.sp/' -e 's/^/.br\n/' ; }
cat <<HDR
.TH ENTENTE 1 "" "entente $v" "User Commands"
.SH NAME
entente \\- code news text into political event data
.SH SYNOPSIS
.B entente
.I COMMAND
[options]
.SH DESCRIPTION
.nf
HDR
"$E" help | roff
echo '.SH "THE CODE COMMAND"'
"$E" help code | roff
cat <<TAIL
.fi
.SH FILES
Dictionaries, gazetteer, syntax model and dashboard: \$ENTENTE_DATA, else
share/entente beside the binary's folder.
.SH SEE ALSO
The documentation in the source tree (docs/), in particular docs/library.md
and docs/scale.md.
TAIL
