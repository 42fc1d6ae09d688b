/* dbfiles.c - the database's files on disk, and who may use them.
 *
 * A database is three files: crm.db and, beside it in WAL mode, crm.db-wal
 * and crm.db-shm.  SQLite makes the two side files as whoever opens the
 * database when they are missing, with the database's mode: made by an
 * account that may only read, they lock the owner out ("attempt to write a
 * readonly database"); made by a member of a group whose folder is not
 * setgid, they carry that member's own group and lock the other members
 * out.  So:
 *  - every connection that may write keeps them (SQLite's persistent WAL,
 *    set in db.c): they are made by crm-init and stay;
 *  - an account that may not write the database never makes them: it
 *    reads only when they are there;
 *  - a writer gives the side files it owns the database's group and mode;
 *  - a writer that finds side files it may not write (left by an account
 *    that could only read, through an older crm or sqlite3) removes them
 *    when nobody has the database open and they hold no change, and makes
 *    its own.
 * This file names no table and runs no SQL: it works on paths.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm-int.h"

static const char *const sides[] = {"-wal", "-shm"};
#define NSIDES (sizeof sides / sizeof sides[0])

/* SQLite's unix locking: every open connection to a WAL database holds a
 * read lock on these bytes of the database file (SHARED_FIRST and
 * SHARED_SIZE of sqlite3's os_unix.c); a write lock on them is granted
 * only when no other process has it open. */
#define SHARED_FIRST	(0x40000000 + 2)
#define SHARED_SIZE	510

static char *
side_path(const char *db, size_t i)
{
	return xasprintf("%s%s", db, sides[i]);
}

/* The folder that holds PATH: malloc'd. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(slash - path), path);
}

/* The name of account UID (or group GID) in BUF, N bytes: getpwuid and
 * getgrgid keep one answer at a time. */
static const char *
user_name(uid_t uid, char *buf, size_t n)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "uid %ld", (long)uid);
	return buf;
}

static const char *
group_name(gid_t gid, char *buf, size_t n)
{
	struct group *gr = getgrgid(gid);

	if (gr)
		snprintf(buf, n, "%s", gr->gr_name);
	else
		snprintf(buf, n, "gid %ld", (long)gid);
	return buf;
}

/* 1 when this account may read and write every side file of DB there is. */
static int
usable(const char *db)
{
	size_t k;
	char *p;
	int ok = 1;

	for (k = 0; k < NSIDES && ok; k++) {
		p = side_path(db, k);
		ok = access(p, R_OK | W_OK) == 0 || errno == ENOENT;
		free(p);
	}
	return ok;
}

/* Remove side files this account may not write, left by one that could
 * only read: only when they hold no change and nobody has the database
 * open (a write lock on SQLite's shared bytes, held while removing, keeps
 * others from opening it meanwhile). */
static void
reclaim(const char *db, const struct stat *side, size_t i)
{
	char *wal = side_path(db, 0), name[64];
	struct stat st;
	struct flock lk;
	size_t k;
	int fd, waited, busy = db_busy_ms();

	if (lstat(wal, &st) == 0 && st.st_size > 0)
		die(EX_CANTCREAT, "cannot write '%s': '%s' belongs to %s and "
		    "holds changes only that account may finish: have it run "
		    "any crm command", db, wal,
		    user_name(st.st_uid, name, sizeof name));
	free(wal);
	if ((fd = open(db, O_RDWR | O_CLOEXEC)) < 0)
		die(EX_CANTCREAT, "cannot write '%s':", db);
	memset(&lk, 0, sizeof lk);
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	lk.l_start = SHARED_FIRST;
	lk.l_len = SHARED_SIZE;
	/* Wait as for any lock.  A side file that SQLite has just made is
	 * given the database's mode a moment later: one that becomes ours
	 * to use meanwhile is left alone. */
	for (waited = 0; fcntl(fd, F_SETLK, &lk) < 0; waited += 20) {
		if ((errno != EAGAIN && errno != EACCES) || waited >= busy)
			die(EX_TEMPFAIL, "database is busy: '%s%s' belongs "
			    "to %s, who has it open (waited %d ms): try again "
			    "when that is done", db, sides[i],
			    user_name(side->st_uid, name, sizeof name), waited);
		usleep(20000);
		if (usable(db)) {
			close(fd);
			return;
		}
	}
	for (k = 0; k < NSIDES; k++) {
		char *p = side_path(db, k);

		if (unlink(p) < 0 && errno != ENOENT)
			die(EX_CANTCREAT, "cannot write '%s': '%s' belongs to "
			    "%s and this account may not replace it: remove it "
			    "while nobody uses the database", db, p,
			    user_name(side->st_uid, name, sizeof name));
		free(p);
	}
	close(fd);	/* and the lock with it */
}

int
dbfiles_prepare(const char *db)
{
	int writer = access(db, W_OK) == 0;
	struct stat st;
	size_t i;
	char *p, *dir;
	mode_t mask;

	if (access(db, R_OK) < 0)
		die(EX_NOINPUT, "cannot open '%s':", db);
	/* SQLite makes a side file with the database's mode less the
	 * umask, and gives it the database's mode a moment later: in that
	 * moment another member would open it read-only and fail to write.
	 * A umask that keeps the group's bits closes the moment (the files
	 * crm makes itself set their modes: lib/csvout.c, db_backup). */
	mask = umask(0);
	umask(mask & 0707);
	for (i = 0; i < NSIDES; i++) {
		p = side_path(db, i);
		if (lstat(p, &st) == 0) {
			if (writer && access(p, R_OK | W_OK) < 0)
				reclaim(db, &st, i);
			else if (!writer && access(p, R_OK) < 0)
				die(EX_NOINPUT, "cannot open '%s' for reading: "
				    "'%s' is not readable by this account (mode "
				    "%04o, not the database's): any crm command "
				    "run by its owner mends it", db, p,
				    (unsigned)(st.st_mode & 07777));
		} else if (errno != ENOENT)
			die(EX_NOINPUT, "cannot open '%s':", p);
		else if (!writer)
			die(EX_NOINPUT, "cannot open '%s' for reading: '%s' is "
			    "missing, and an account that may not write the "
			    "database must not make it (its owner could no "
			    "longer write): any crm command run by one who may "
			    "write it makes it", db, p);
		else {
			dir = folder_of(db);
			if (access(dir, W_OK | X_OK) < 0)
				die(EX_CANTCREAT, "cannot open '%s': '%s' is "
				    "missing and cannot be made in '%s':", db, p,
				    dir);
			free(dir);
		}
		free(p);
	}
	return writer;
}

void
dbfiles_share(const char *db)
{
	struct stat d, st;
	size_t i;
	char *p;

	if (stat(db, &d) < 0)
		return;
	for (i = 0; i < NSIDES; i++) {
		p = side_path(db, i);
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode)
		    && st.st_uid == geteuid()) {
			/* Members may change a file's group to one of theirs;
			 * what fails shows in crm check. */
			if (st.st_gid != d.st_gid && chown(p, (uid_t)-1,
			    d.st_gid) < 0 && errno != EPERM)
				warn("cannot give '%s' the group of '%s':", p, db);
			if ((st.st_mode & 07777) != (d.st_mode & 0666)
			    && chmod(p, d.st_mode & 0666) < 0)
				warn("cannot give '%s' the mode of '%s':", p, db);
		}
		free(p);
	}
}

void
dbfiles_folders(const char *db, const struct group *gr)
{
	char *dir = xstrdup(db), *slash, name[64];
	mode_t mode = gr ? 02770 : 0700;
	struct stat st;

	/* Each missing folder on the way, whatever the umask: the group's,
	 * setgid so that what is made in it is the group's too. */
	for (slash = strchr(dir + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (gr && chown(dir, (uid_t)-1, gr->gr_gid) < 0)
				die(EX_CANTCREAT, "cannot give '%s' to group '%s':",
				    dir, gr->gr_name);
			if (chmod(dir, mode) < 0)
				die(EX_CANTCREAT, "cannot create '%s':", dir);
		} else if (errno != EEXIST)
			die(EX_CANTCREAT, "cannot create '%s':", dir);
		*slash = '/';
	}
	free(dir);
	if (!gr)
		return;
	dir = folder_of(db);
	if (stat(dir, &st) < 0)
		die(EX_CANTCREAT, "cannot create '%s': '%s':", db, dir);
	/* A folder made before: the group must at least get in. */
	if (!((st.st_gid == gr->gr_gid && (st.st_mode & 0010))
	    || (st.st_mode & 0001)))
		die(EX_CANTCREAT, "cannot share '%s' with group '%s': the "
		    "folder '%s' (group %s, mode %04o) does not let the group in: "
		    "'chgrp %s %s && chmod 2770 %s', or name a new folder", db,
		    gr->gr_name, dir, group_name(st.st_gid, name, sizeof name),
		    (unsigned)(st.st_mode & 07777),
		    gr->gr_name, dir, dir);
	free(dir);
}

/* The problem in B, if any, to REPORT, counted in N. */
static void
problem(struct buf *b, void (*report)(const char *, void *), void *arg,
    int *n)
{
	if (!b->len)
		return;
	report(buf_str(b), arg);
	buf_reset(b);
	(*n)++;
}

int
db_layout(void (*report)(const char *what, void *arg), void *arg)
{
	const char *db = db_path();
	struct stat d, f;
	char *dir = folder_of(db), g[64], g2[64];
	struct buf b = {0};
	int n = 0;
	mode_t need;

	if (stat(db, &d) < 0 || stat(dir, &f) < 0) {
		free(dir);
		return 0;	/* it was open a moment ago: not a layout */
	}
	if (d.st_mode & 0007)
		errf(&b, "file: '%s' is open to every account "
		    "(mode %04o): 'chmod o-rwx %s'", db,
		    (unsigned)(d.st_mode & 07777), db);
	problem(&b, report, arg, &n);
	/* The group that may write must be able to make the side files;
	 * one that may read must get in. */
	need = d.st_mode & 0020 ? 0030 : d.st_mode & 0040 ? 0010 : 0;
	group_name(f.st_gid, g, sizeof g);
	group_name(d.st_gid, g2, sizeof g2);
	if (!need || (f.st_gid == d.st_gid && (f.st_mode & need) == need)
	    || (f.st_mode & need >> 3) == need >> 3)
		;
	else if (need & 0020)
		errf(&b, "file: the folder '%s' (group %s, mode %04o) "
		    "does not let group %s make the database's side files: "
		    "'chgrp %s %s && chmod 2770 %s'", dir, g,
		    (unsigned)(f.st_mode & 07777), g2, g2, dir, dir);
	else
		errf(&b, "file: the folder '%s' (group %s, mode %04o) "
		    "does not let group %s in: 'chgrp %s %s && chmod 2770 %s'",
		    dir, g, (unsigned)(f.st_mode & 07777), g2, g2, dir, dir);
	problem(&b, report, arg, &n);
	free(dir);
	buf_free(&b);
	return n;
}
