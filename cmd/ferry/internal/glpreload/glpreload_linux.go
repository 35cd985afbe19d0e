package glpreload

// Opening the window's OpenGL context loads Mesa's driver: libGLX_mesa and
// the DRI driver, which brings LLVM with it. Loading them (mapping, and
// above all relocating LLVM's symbols and running its initialisers) took
// about 100 ms of the time to a visible window with software OpenGL, on
// the main thread, after the app had built its window. A thread started
// with the process loads them while the main thread starts the program;
// when GLFW asks for them later they are already there, as a library
// opened twice is loaded once.
//
// The C library makes a new thread wait while another relocates a
// library it loads (about 45 ms for LLVM here). Loading from the start
// made Go's runtime wait so for its first threads, before any of the
// program ran; so the thread waits until this package's init, early in
// the program's start, where the runtime has its first threads and the
// one LockOSThread starts (Fyne's GLFW driver locks the main thread in
// its init) is started beforehand. Measured under Xvfb, 26 launches of
// each alternated: the window was visible after 477 ms (median) against
// 489 with the load from the start; the load itself had saved 50-90 ms.
//
// Only Mesa's libraries are preloaded, and only where Mesa will be used:
// not with NVIDIA's driver loaded or another GLX vendor asked for, not
// when the user points Mesa at other drivers, and not for --version or
// --help. A missing library is left to GLFW, which reports it as before.
// FERRY_NO_GL_PRELOAD=1 turns the preload off.

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// 0: not started; 1: loading; 2: done.
static int ferry_gl_preload_state;

static const char *ferry_dri_dirs[] = {
#if defined(__x86_64__)
	"/usr/lib/x86_64-linux-gnu/dri/",
#elif defined(__aarch64__)
	"/usr/lib/aarch64-linux-gnu/dri/",
#endif
	"/usr/lib64/dri/",
	"/usr/lib/dri/",
	NULL,
};

static pthread_mutex_t ferry_gl_preload_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ferry_gl_preload_cv = PTHREAD_COND_INITIALIZER;
static int ferry_gl_preload_go;

// ferry_gl_preload_release lets the preload thread begin.
static void ferry_gl_preload_release(void) {
	pthread_mutex_lock(&ferry_gl_preload_mu);
	ferry_gl_preload_go = 1;
	pthread_cond_signal(&ferry_gl_preload_cv);
	pthread_mutex_unlock(&ferry_gl_preload_mu);
}

static void *ferry_gl_preload(void *arg) {
	(void)arg;
	pthread_mutex_lock(&ferry_gl_preload_mu);
	while (!ferry_gl_preload_go) {
		pthread_cond_wait(&ferry_gl_preload_cv, &ferry_gl_preload_mu);
	}
	pthread_mutex_unlock(&ferry_gl_preload_mu);
	if (dlopen("libGLX_mesa.so.0", RTLD_LAZY | RTLD_LOCAL) != NULL) {
		// Debian's, Ubuntu's and Fedora's Mesa ship one DRI driver file
		// under every driver's name (hard links): the loader recognises
		// the file under the name Mesa asks for.
		char path[64];
		for (int i = 0; ferry_dri_dirs[i] != NULL; i++) {
			size_t n = strlen(ferry_dri_dirs[i]);
			if (n + sizeof "swrast_dri.so" > sizeof path) {
				continue;
			}
			memcpy(path, ferry_dri_dirs[i], n);
			memcpy(path + n, "swrast_dri.so", sizeof "swrast_dri.so");
			if (access(path, R_OK) == 0) {
				dlopen(path, RTLD_LAZY | RTLD_LOCAL);
				break;
			}
		}
	}
	__atomic_store_n(&ferry_gl_preload_state, 2, __ATOMIC_RELEASE);
	return NULL;
}

static int ferry_set(const char *name) {
	const char *v = getenv(name);
	return v != NULL && v[0] != '\0';
}

static int ferry_gl_preload_wanted(int argc, char **argv) {
	if (argc == 2 && argv != NULL && argv[1] != NULL &&
	    (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "--help") == 0 ||
	     strcmp(argv[1], "-h") == 0)) {
		return 0;
	}
	const char *off = getenv("FERRY_NO_GL_PRELOAD");
	if (off != NULL && off[0] != '\0' && strcmp(off, "0") != 0) {
		return 0;
	}
	const char *vendor = getenv("__GLX_VENDOR_LIBRARY_NAME");
	if (vendor != NULL && vendor[0] != '\0' && strcmp(vendor, "mesa") != 0) {
		return 0;
	}
	if (ferry_set("LIBGL_DRIVERS_PATH") || ferry_set("MESA_LOADER_DRIVER_OVERRIDE")) {
		return 0;
	}
	if (access("/proc/driver/nvidia", F_OK) == 0) {
		return 0;
	}
	return 1;
}

// The C library calls an executable's constructors with the arguments
// and environment of main, before Go's runtime starts.
__attribute__((constructor)) static void ferry_start_gl_preload(int argc, char **argv, char **envp) {
	(void)envp;
	if (!ferry_gl_preload_wanted(argc, argv)) {
		return;
	}
	// The thread takes no signal: Go's runtime, started after this, sends
	// its own to its threads only, and the process's go to those.
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_t attr;
	if (pthread_attr_init(&attr) == 0) {
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		pthread_t t;
		__atomic_store_n(&ferry_gl_preload_state, 1, __ATOMIC_RELEASE);
		if (pthread_create(&t, &attr, ferry_gl_preload, NULL) != 0) {
			__atomic_store_n(&ferry_gl_preload_state, 0, __ATOMIC_RELEASE);
		}
		pthread_attr_destroy(&attr);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static int ferry_gl_preload_status(void) {
	return __atomic_load_n(&ferry_gl_preload_state, __ATOMIC_ACQUIRE);
}

static int ferry_library_loaded(const char *name) {
	void *h = dlopen(name, RTLD_LAZY | RTLD_NOLOAD);
	if (h == NULL) {
		return 0;
	}
	dlclose(h);
	return 1;
}

static int ferry_library_loadable(const char *name) {
	return dlopen(name, RTLD_LAZY | RTLD_LOCAL) != NULL;
}
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// init lets the preload begin, once the runtime's template thread, which
// the first LockOSThread starts, exists (package main's init is too late:
// it runs after Fyne's).
func init() {
	runtime.LockOSThread()
	runtime.UnlockOSThread()
	C.ferry_gl_preload_release()
}

// State says what became of the preload started with the process:
// "off" when it was not wanted, "loading" while it runs, "done" after.
func State() string {
	switch C.ferry_gl_preload_status() {
	case 1:
		return "loading"
	case 2:
		return "done"
	}
	return "off"
}

// LibraryLoaded says whether the shared library name is in the process.
func LibraryLoaded(name string) bool {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return C.ferry_library_loaded(cs) == 1
}

// LibraryLoadable loads the shared library name, saying whether it could.
func LibraryLoadable(name string) bool {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return C.ferry_library_loadable(cs) == 1
}
