/* fuzz-csvin.c - the CSV reader of crm-import and the validator, under
 * libFuzzer (clang -fsanitize=fuzzer,address,undefined: make fuzz).
 *
 * The first byte of an input picks the table and, with its high bit, the
 * GB18030 decoder; the rest is a CSV file: a header naming columns, then
 * rows, each value checked by record_set() against a small database with
 * one staff member and one customer.
 */
#include <unistd.h>

#include "fuzz.h"

static char dir[] = "/tmp/crm-fuzz.XXXXXX";
static char *path;

static void
cleanup(void)
{
	db_close();
	if (path) {
		char *p = xasprintf("%s-wal", path), *q = xasprintf("%s-shm", path);

		unlink(p);
		unlink(q);
		unlink(path);
		rmdir(dir);
		free(p);
		free(q);
	}
}

static void
setup(void)
{
	setprogname("fuzz-csvin");
	if (!mkdtemp(dir))
		die(EX_CANTCREAT, "cannot create '%s':", dir);
	path = xasprintf("%s/crm.db", dir);
	setenv("CRM_USER", "fuzz", 1);
	setenv("CRM_TODAY", "2026-11-27", 1);
	db_create(path, NULL);
	atexit(cleanup);
	db_exec("INSERT INTO staff (login, name, role, created_at) VALUES "
	    "('zhanglei', '张磊', 'account_manager', '2026-01-01T00:00:00Z');"
	    "INSERT INTO customers (code, name, created_at, updated_at) VALUES "
	    "('C000001', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const struct field *cols[CSVIN_MAXCOLS];
	const struct entity *e;
	struct csvin *in;
	struct csvrow *row;
	struct record r;
	struct buf err = {0};
	int n = 0, i, ne;

	if (!ready) {
		setup();
		ready = 1;
	}
	if (size < 1)
		return 0;
	for (ne = 0; entities[ne]; ne++)
		;
	e = entities[(data[0] & 0x7f) % ne];
	in = csvin_mem("fuzz", data + 1, size - 1,
	    data[0] & 0x80 ? "gb18030" : NULL, 4096);
	record_init(&r, e);
	if (csvin_next(in, &row) > 0) {
		n = row->kept;
		for (i = 0; i < n; i++)
			cols[i] = entity_field(e, row->f[i]);
		while (csvin_next(in, &row) > 0) {
			for (i = 0; i < row->kept && i < n; i++) {
				if (!cols[i])
					continue;
				buf_reset(&err);
				if (record_set(&r, cols[i]->name, row->f[i],
				    &err) < 0 && !err.len)
					abort();	/* a reason is promised */
			}
			record_clear(&r);
		}
	}
	if (csvin_error(in)[0] && strncmp(csvin_error(in), "fuzz:", 5))
		abort();	/* messages name the input */
	csvin_close(in);
	buf_free(&err);
	return 0;
}
