package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// cpuProfileEnv names the environment variable that, when set to a file
// path, makes ferry-cli write a CPU profile of the whole command there (for
// `go tool pprof`). It is meant for developers measuring the data path and
// is not listed in the usage text.
const cpuProfileEnv = "FERRY_CPUPROFILE"

// startCPUProfile starts profiling into the file named by path, or does
// nothing when path is empty. The returned function stops the profile and
// closes the file; a failure is reported on stderr and the command runs
// unprofiled.
func startCPUProfile(path string, stderr io.Writer) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "ferry-cli: %s: %v\n", cpuProfileEnv, err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(stderr, "ferry-cli: %s: %v\n", cpuProfileEnv, err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "ferry-cli: %s: %v\n", cpuProfileEnv, err)
		}
	}
}
