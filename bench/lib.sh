# bench/lib.sh - what the bench scripts share; sourced by them, not run.

# bench_dir: sets dir to BENCH_DIR (made if need be, and kept), else to a
# temporary folder removed when the script exits.
bench_dir() {
	if [ -n "${BENCH_DIR:-}" ]; then
		dir=$BENCH_DIR
		mkdir -p "$dir"
	else
		dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
		trap 'rm -rf "$dir"' EXIT
	fi
}
