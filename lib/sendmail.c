/* sendmail.c - handing a message to the mail system: a command run by
 * /bin/sh (sendmail -t reads the recipients from the message). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crm-int.h"

const char *
sendmail_command(void)
{
	const char *cmd = getenv("CRM_SENDMAIL");

	return cmd && *cmd ? cmd : SENDMAIL_DEFAULT;
}

/* Write all of MSG to FD; 0, or the errno of the write that failed. */
static int
write_all(int fd, const struct buf *msg)
{
	size_t off = 0;
	ssize_t w;

	while (off < msg->len) {
		w = write(fd, msg->s + off, msg->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		off += (size_t)w;
	}
	return 0;
}

int
sendmail_run(const char *cmd, const char *to, const struct buf *msg)
{
	void (*old)(int);
	int fd[2], status, werr;
	pid_t pid;

	fflush(stdout);
	if (pipe(fd) < 0)
		die(EX_OSERR, "pipe:");
	if ((pid = fork()) < 0)
		die(EX_OSERR, "fork:");
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		close(fd[1]);
		if (fd[0] != STDIN_FILENO) {
			dup2(fd[0], STDIN_FILENO);
			close(fd[0]);
		}
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	/* A command that exits without reading is a write error (EPIPE),
	 * not the end of this program. */
	old = signal(SIGPIPE, SIG_IGN);
	werr = write_all(fd[1], msg);
	signal(SIGPIPE, old);
	close(fd[1]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die(EX_OSERR, "waitpid:");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !werr)
		return 0;
	if (WIFSIGNALED(status))
		warn("cannot mail '%s': '%s' was killed by signal %d", to, cmd,
		    WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		warn("cannot mail '%s': '%s' exited with status %d", to, cmd,
		    WEXITSTATUS(status));
	else
		warn("cannot mail '%s': writing to '%s': %s", to, cmd,
		    strerror(werr));
	return -1;
}
