/* fuzz-xlsxin.c - the .xlsx reader of crm-import (lib/xlsxin.c, with
 * lib/xlsxcell.c for each cell), under libFuzzer (make fuzz-xlsxin).
 *
 * An input is the workbook, read from memory, whole (a byte taken off
 * the front would move every offset of the zip); its length picks the
 * table whose columns the header may name.  The seeds
 * (tests/fuzz/corpus-xlsxin, written by tests/data/make-xlsx.py) are
 * stored, not deflated, so that mutations reach the XML; libzip's CRC
 * check catches most of them only after the parser has seen the bytes.
 *
 * What must hold: rows in increasing row order, no more cells kept than
 * CSVIN_MAXCOLS, each value a string of its length that is well-formed
 * UTF-8; a row's reasons whole lines; an error one line that names the
 * input, with one of the reader's exit codes.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct field *cols[CSVIN_MAXCOLS];
	const struct entity *e;
	struct xlsxin *x;
	struct csvrow *row;
	long last = 0;
	int ne, i, r, first = 1;
	const char *err, *p;

	for (ne = 0; entities[ne]; ne++)
		;
	e = entities[size % (size_t)ne];
	x = xlsxin_mem("fuzz", data, size, NULL, 4096);
	while ((r = xlsxin_next(x, &row)) > 0) {
		FUZZ_CHECK(row->line > last, "rows in order");
		last = row->line;
		FUZZ_CHECK(row->kept <= CSVIN_MAXCOLS && row->kept <= row->n,
		    "cells kept");
		for (i = 0; i < row->kept; i++) {
			FUZZ_CHECK(strlen(row->f[i]) == row->len[i], row->f[i]);
			FUZZ_CHECK(fuzz_utf8_bad(row->f[i], row->len[i])
			    == row->len[i], row->f[i]);
		}
		if (row->why) {
			FUZZ_CHECK(*row->why && row->why[strlen(row->why) - 1]
			    == '\n' && !strstr(row->why, "\n\n"), row->why);
		}
		if (first) {
			for (i = 0; i < row->kept; i++)
				cols[i] = entity_field(e, row->f[i]);
			xlsxin_columns(x, cols, row->kept);
			first = 0;
		}
	}
	if (r < 0) {
		err = xlsxin_error(x);
		r = xlsxin_errcode(x);
		FUZZ_CHECK(!strncmp(err, "fuzz:", 5), err);
		for (p = err; *p; p++)
			FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f, err);
		FUZZ_CHECK(r == EX_DATAERR || r == EX_NOINPUT || r == EX_IOERR,
		    err);
	}
	xlsxin_close(x);
	return 0;
}
