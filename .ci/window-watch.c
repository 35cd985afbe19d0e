/*
 * window-watch: how long a program takes to show its window, told by the X
 * server's events instead of polling (see .ci/bench-window.sh).
 *
 *   window-watch NAME OUT PROGRAM [ARGS...]
 *
 * Subscribes to the root window's events, then runs PROGRAM in its own
 * process (PROGRAM keeps the process ID the caller started, so $! is the
 * program's) and, in a process of its own, waits for a top-level window
 * named NAME to be mapped and for its first frame to be drawn. It then
 * writes one line to OUT: the milliseconds from the start to the mapping,
 * and to the first frame ("none none" when the window has not come within
 * 20 s, or the display went away).
 *
 * The first frame is the first time anything is drawn into the window after
 * it is mapped (a Damage event). Each new top-level window is watched from
 * its creation, before it is mapped, so that the mapping itself, which
 * draws nothing into a window without a background, is not taken for it.
 *
 * Polling with xdotool, as the script did before, starts a process every
 * 20 ms or so; on a machine of two cores that took enough CPU from the
 * program being timed to slow its start by about 100 ms, and it saw the
 * window some 85 ms after it was mapped.
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { timeout_ms = 20000 };

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Errors are expected and harmless: a window destroyed before it is
 * watched, or an input-only one that cannot be. */
static int ignore_error(Display *d, XErrorEvent *e)
{
	(void)d;
	(void)e;
	return 0;
}

static int named(Display *d, Window w, const char *name)
{
	char *got = NULL;
	int same = 0;
	if (XFetchName(d, w, &got) && got) {
		same = strcmp(got, name) == 0;
		XFree(got);
	}
	return same;
}

static void report(const char *out, const char *line)
{
	FILE *f = fopen(out, "w");
	if (!f) {
		perror(out);
		return;
	}
	fputs(line, f);
	fclose(f);
}

static void watch(Display *d, int damage_event, const char *name, const char *out, double t0)
{
	Window shown = 0;
	double mapped = 0;
	char line[64];
	int fd = ConnectionNumber(d);

	while (now_ms() - t0 < timeout_ms) {
		while (XPending(d)) {
			XEvent e;
			XNextEvent(d, &e);
			if (e.type == CreateNotify) {
				XDamageCreate(d, e.xcreatewindow.window, XDamageReportRawRectangles);
			} else if (e.type == MapNotify && !shown && named(d, e.xmap.window, name)) {
				shown = e.xmap.window;
				mapped = now_ms() - t0;
			} else if (e.type == damage_event + XDamageNotify && shown &&
			           ((XDamageNotifyEvent *)&e)->drawable == shown) {
				snprintf(line, sizeof line, "%.0f %.0f\n", mapped, now_ms() - t0);
				report(out, line);
				return;
			}
		}
		struct pollfd p = {fd, POLLIN, 0};
		if (poll(&p, 1, 100) < 0 && errno != EINTR)
			break;
		if (p.revents & (POLLHUP | POLLERR))
			break;
	}
	report(out, "none none\n");
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: window-watch NAME OUT PROGRAM [ARGS...]\n");
		return 2;
	}
	const char *name = argv[1], *out = argv[2];
	Display *d = XOpenDisplay(NULL);
	if (!d) {
		fprintf(stderr, "window-watch: cannot open the display\n");
		return 1;
	}
	int damage_event, damage_error;
	if (!XDamageQueryExtension(d, &damage_event, &damage_error)) {
		fprintf(stderr, "window-watch: the X server has no DAMAGE extension\n");
		return 1;
	}
	XSetErrorHandler(ignore_error);
	XSelectInput(d, DefaultRootWindow(d), SubstructureNotifyMask);
	XSync(d, False);
	fcntl(ConnectionNumber(d), F_SETFD, FD_CLOEXEC);
	double t0 = now_ms();

	/* The watcher is a grandchild, so that nobody has to wait for it. */
	pid_t child = fork();
	if (child < 0) {
		perror("window-watch: fork");
		return 1;
	}
	if (child == 0) {
		pid_t watcher = fork();
		if (watcher == 0) {
			watch(d, damage_event, name, out, t0);
			_exit(0);
		}
		_exit(watcher < 0);
	}
	int status;
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "window-watch: cannot start the watcher\n");
		return 1;
	}
	execvp(argv[3], argv + 3);
	fprintf(stderr, "window-watch: %s: %s\n", argv[3], strerror(errno));
	return 127;
}
