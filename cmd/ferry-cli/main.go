// Command ferry-cli runs Ferry's FTP engine without a window: listing,
// transfers, FXP, mirroring, listing parsing and saved sites.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand: it gets its arguments (without its name) and
// the process's standard streams, and returns the exit status.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() map[string]command {
	return map[string]command{
		// Each subcommand file adds its line here.
		"sites":  {"list, add, remove, import and export saved sites", runSites},
		"parse":  {"parse a raw listing from stdin into JSON lines", runParse},
		"ls":     {"list a remote folder: ls URL", runLs},
		"get":    {"download a file: get URL [LOCAL]", runGet},
		"put":    {"upload a file: put LOCAL URL", runPut},
		"fxp":    {"copy between two servers: fxp SRC_URL DST_URL", runFXP},
		"mirror": {"mirror a folder tree: mirror SRC DST", runMirror},
		"doctor": {"diagnose a server's connection: doctor URL", runDoctor},
	}
}

// version is set by the packaging scripts (-X main.version=...) from
// FyneApp.toml; a plain go build says "dev".
var version = "dev"

func main() {
	stop := startCPUProfile(os.Getenv(cpuProfileEnv), os.Stderr)
	status := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(status)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		return 2
	}
	if args[0] == "--version" || args[0] == "version" {
		fmt.Fprintln(stdout, "ferry-cli", version)
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "ferry-cli: unknown command %q\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: ferry-cli COMMAND [options] ARGS")
	fmt.Fprintln(w, "       ferry-cli --version")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
}
