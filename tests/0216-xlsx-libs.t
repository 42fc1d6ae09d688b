#!/bin/sh
# The workbook libraries (libzip, expat, libxlsxwriter, and the OpenSSL
# libcrypto that libzip and libxlsxwriter bring) are loaded only by a run
# that reads or writes a workbook (lib/xlsxlib.c): no program is linked
# with them, a start costs none of them, and one that cannot be loaded is
# one line and exit 69 (EX_UNAVAILABLE), the database unchanged.  Here
# they cannot be loaded because LD_LIBRARY_PATH, searched first, holds an
# empty file under the name a program opens.
. "$(dirname "$0")/lib.sh"

export TMPDIR="$work/tmp"
mkdir "$TMPDIR"

# --- no program needs them to start ---------------------------------------
if command -v readelf >/dev/null 2>&1; then
	needed=
	for p in "$CRM_BIN"/crm*; do
		n=$(readelf -d "$p" | grep NEEDED \
		    | grep -E 'lib(zip|xlsxwriter|expat|crypto|minizip|z)\.so') &&
			needed="$needed ${p##*/}: $n"
	done
	is "$needed" "" "no program is linked with a workbook library (readelf -d)"
else
	skip "readelf is not installed"
fi

# The names the programs open (their SONAMEs, which the Makefile read).
soname() {
	grep -ao "lib$1\\.so[.0-9]*" "$CRM_BIN/crm-import" | head -n 1
}
zip=$(soname zip)
expat=$(soname expat)
xlsxwriter=$(soname xlsxwriter)
like "$zip $expat $xlsxwriter" '^libzip\.so[.0-9]* libexpat\.so[.0-9]* libxlsxwriter\.so[.0-9]*$' \
	"the programs open the libraries by name"

# broken LIB...: a folder where each LIB is an empty file.
broken() {
	_d="$work/broken.$1"
	mkdir -p "$_d"
	: >"$_d/empty"
	for _l; do ln -sf empty "$_d/$_l"; done
	echo "$_d"
}
# without DIR CMD...: run (lib.sh) with the libraries of DIR found first.
without() {
	_saved=${LD_LIBRARY_PATH-}
	export LD_LIBRARY_PATH="$1${_saved:+:$_saved}"
	shift
	run "$@"
	if [ -n "$_saved" ]; then LD_LIBRARY_PATH=$_saved
	else unset LD_LIBRARY_PATH; fi
}
nozip=$(broken "$zip")
noexpat=$(broken "$expat")
nowriter=$(broken "$xlsxwriter")

crm-init --empty >/dev/null &&
tester_staff &&
crm-import -q staff "$top/data/demo/staff.csv"
cp "$top/tests/data/customers.xlsx" "$work/"

# --- reading a workbook -----------------------------------------------------
before=$(dbsum)
for lib in "$nozip:$zip" "$noexpat:$expat"; do
	without "${lib%%:*}" crm-import customers customers.xlsx
	fails 69 "^crm-import: customers.xlsx: reading a workbook needs ${lib#*:}, which cannot be loaded: .*${lib#*:}" \
		"crm-import of a workbook without ${lib#*:}"
	is "$(dbsum)" "$before" "nothing imported, nothing changed"
done
run crm-import customers customers.xlsx
rc_is 0 "a workbook read where the libraries are"
is "$(sql 'SELECT count(*) FROM customers')" 3 "its rows imported"
# A CSV file never loads them.
crm-export customers >"$work/customers.csv"
without "$nozip" crm-import --update customers customers.csv
rc_is 0 "crm-import of a CSV file without $zip"

# --- writing one ------------------------------------------------------------
for lib in "$nozip:$zip" "$noexpat:$expat" "$nowriter:$xlsxwriter"; do
	without "${lib%%:*}" crm-export --xlsx "$work/out.xlsx" customers
	fails 69 "^crm-export: writing a workbook needs ${lib#*:}, which cannot be loaded: .*${lib#*:}" \
		"crm-export --xlsx without ${lib#*:}"
	is "$(ls -A "$work" | grep -c 'out\.xlsx\|crm-xlsx')$(ls -A "$TMPDIR")" 0 \
		"no file made, none left behind"
done
without "$nowriter" crm-list -o xlsx
fails 69 "^crm-list: writing a workbook needs $xlsxwriter" "crm-list -o xlsx without $xlsxwriter"
is "$out" "" "nothing on stdout"
without "$nowriter" crm-list -o tsv
rc_is 0 "crm-list -o tsv without them"
is "$(printf '%s\n' "$out" | wc -l)" 4 "its header and rows"
run crm-export --xlsx "$work/out.xlsx" customers
rc_is 0 "a workbook written where the libraries are"
is "$(head -c 2 "$work/out.xlsx")" PK "a zip"

done_testing
