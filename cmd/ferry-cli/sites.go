package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

const sitesUsage = `usage: ferry-cli sites COMMAND
  list [--json]                       the saved sites and folders (empty ones too), as a tree or
                                      as JSON (no passwords): {"folders": [["A"], ["A","B"]],
                                      "sites": [{"id": ..., "folder": ["A"], "name": ..., ...}]};
                                      "folders" lists every folder path, sorted, outermost first
  add NAME URL [--folder A/B] [--tls MODE] [--password-stdin]
                                      save ftp://, ftpes:// or ftps://user@host:port/path;
                                      the password comes from stdin, FERRY_PASSWORD or the URL,
                                      else the site asks for it at each connection
  rm SITE                             remove a site (NAME or FOLDER/NAME) and its password
  import FILE                         import FileZilla's sitemanager.xml
  export FILE [--with-passwords]      write the sites in FileZilla's format
  restore-backup | reset              after an unreadable sites file: use its backup, or start empty
Environment: FERRY_CONFIG_DIR (config folder), FERRY_MASTER_PASSWORD (used when no keyring is
available), FERRY_KEYRING=off (never use the OS keyring).`

// sitesEnv is what the sites commands read from the environment, so that
// tests can run them in-process.
type sitesEnv struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func runSites(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := sitesEnv{getenv: os.Getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, sitesUsage)
		return 2
	}
	cmds := map[string]func(sitesEnv, []string) error{
		"list": sitesList, "add": sitesAdd, "rm": sitesRemove, "remove": sitesRemove,
		"import": sitesImport, "export": sitesExport,
		"restore-backup": sitesRepair(true), "reset": sitesRepair(false),
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "ferry-cli sites: unknown command %q\n%s\n", args[0], sitesUsage)
		return 2
	}
	if err := cmd(env, args[1:]); err != nil {
		fmt.Fprintf(stderr, "ferry-cli sites %s: %s\n", args[0], ftpcore.PrintableLines(err.Error()))
		var usage usageError
		if errors.As(err, &usage) {
			return 2
		}
		var corrupt *profile.CorruptFileError
		if errors.As(err, &corrupt) && strings.HasSuffix(corrupt.Path, profile.SitesFileName) {
			fmt.Fprintln(stderr, "The file was left as it is. 'ferry-cli sites restore-backup' puts the backup in its place;")
			fmt.Fprintln(stderr, "'ferry-cli sites reset' moves it aside and starts an empty list.")
		}
		return 1
	}
	return 0
}

// usageError marks a mistake in the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parseInterleaved parses flags that may come before, between or after
// the positional arguments, and returns the positionals.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func newFlagSet(name string, env sitesEnv) *flag.FlagSet {
	fs := flag.NewFlagSet("sites "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	return fs
}

func (env sitesEnv) configDir() (string, error) {
	if d := env.getenv("FERRY_CONFIG_DIR"); d != "" {
		return d, nil
	}
	return profile.DefaultConfigDir()
}

func (env sitesEnv) openSites() (*profile.SiteStore, error) {
	dir, err := env.configDir()
	if err != nil {
		return nil, err
	}
	return profile.OpenSiteStore(dir)
}

// openSecrets chooses the keyring or the encrypted file; the master
// password is asked only if a password is actually read or written.
func (env sitesEnv) openSecrets() (profile.SecretStore, error) {
	dir, err := env.configDir()
	if err != nil {
		return nil, err
	}
	return profile.OpenSecretsWith(dir, profile.SecretsOptions{
		NoKeyring: strings.EqualFold(env.getenv("FERRY_KEYRING"), "off"),
		Master: func() (string, error) {
			if m := env.getenv("FERRY_MASTER_PASSWORD"); m != "" {
				return m, nil
			}
			_, statErr := os.Stat(filepath.Join(dir, profile.SecretsFileName))
			return promptSecret(env.stderr, "Master password for Ferry's saved passwords", errors.Is(statErr, os.ErrNotExist),
				"no keyring is available: set FERRY_MASTER_PASSWORD")
		},
	})
}

// promptSecret reads a secret from the terminal, twice when confirm is set.
func promptSecret(stderr io.Writer, label string, confirm bool, noTerminal string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", errors.New(noTerminal)
	}
	read := func(prompt string) (string, error) {
		fmt.Fprint(stderr, prompt+": ")
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		return string(b), err
	}
	first, err := read(label)
	if err != nil || !confirm {
		return first, err
	}
	second, err := read("Again, to confirm")
	if err != nil {
		return "", err
	}
	if first != second {
		return "", errors.New("the two entries differ")
	}
	return first, nil
}

func sitesAdd(env sitesEnv, args []string) error {
	fs := newFlagSet("add", env)
	folder := fs.String("folder", "", "folder of the site, as A/B")
	tlsMode := fs.String("tls", "", "none, explicit-if-available, explicit or implicit (default from the URL's scheme)")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"add takes NAME and URL"}
	}
	site, urlPassword, err := siteFromURL(pos[0], pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	if *folder != "" {
		site.Folder = strings.Split(strings.Trim(*folder, "/"), "/")
	}
	if *tlsMode != "" {
		found := false
		for _, m := range []ftpcore.TLSMode{ftpcore.TLSNone, ftpcore.TLSExplicitIfAvailable, ftpcore.TLSExplicit, ftpcore.TLSImplicit} {
			if m.String() == *tlsMode {
				site.Protocol, found = m, true
			}
		}
		if !found {
			return usageError{fmt.Sprintf("--tls %q: want none, explicit-if-available, explicit or implicit", *tlsMode)}
		}
	}
	password := urlPassword
	switch {
	case *pwStdin:
		line, err := readLine(env.stdin)
		if err != nil {
			return fmt.Errorf("read the password from stdin: %w", err)
		}
		password = line
	case env.getenv("FERRY_PASSWORD") != "":
		password = env.getenv("FERRY_PASSWORD")
	}
	switch {
	case site.User == "" || site.User == "anonymous":
		site.Logon, site.User = profile.LogonAnonymous, ""
	case password == "":
		site.Logon = profile.LogonAsk
	}
	st, err := env.openSites()
	if err != nil {
		return err
	}
	added, err := st.Add(site)
	if err != nil {
		return err
	}
	if added.NeedsPassword() {
		secrets, err := env.openSecrets()
		if err != nil {
			return err
		}
		if err := secrets.Set(added.ID, password); err != nil {
			return err
		}
	}
	if err := st.Save(); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "added %s  %s\n", ftpcore.Printable(added.Path()), ftpcore.Printable(describeSite(added)))
	return nil
}

// siteFromURL builds a site from ftp://, ftpes:// or ftps:// URL; the
// password, when the URL has one, is returned apart.
func siteFromURL(name, raw string) (profile.Site, string, error) {
	u, err := ftpcore.ParseURL(raw, ftpcore.TLSNone)
	if err != nil {
		return profile.Site{}, "", err
	}
	s := profile.Site{Name: name, Host: u.Host, Port: u.Port, Protocol: u.TLS, User: u.User,
		RemoteDir: u.Path, Logon: profile.LogonNormal}
	return s, u.Password, nil
}

func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func sitesRemove(env sitesEnv, args []string) error {
	if len(args) != 1 {
		return usageError{"rm takes one SITE (NAME or FOLDER/NAME)"}
	}
	st, err := env.openSites()
	if err != nil {
		return err
	}
	site, err := st.Lookup(args[0])
	if err != nil {
		return err
	}
	if err := st.Remove(site.ID); err != nil {
		return err
	}
	if err := st.Save(); err != nil {
		return err
	}
	if site.NeedsPassword() {
		if secrets, err := env.openSecrets(); err != nil {
			fmt.Fprintf(env.stderr, "warning: the saved password of %s was not deleted: %s\n", ftpcore.Printable(site.Path()), ftpcore.PrintableLines(err.Error()))
		} else if err := secrets.Delete(site.ID); err != nil {
			fmt.Fprintf(env.stderr, "warning: the saved password of %s was not deleted: %s\n", ftpcore.Printable(site.Path()), ftpcore.PrintableLines(err.Error()))
		}
	}
	fmt.Fprintf(env.stdout, "removed %s\n", ftpcore.Printable(site.Path()))
	return nil
}

func sitesImport(env sitesEnv, args []string) error {
	if len(args) != 1 {
		return usageError{"import takes one FILE"}
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := profile.ImportFileZilla(f)
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	st, err := env.openSites()
	if err != nil {
		return err
	}
	var secrets profile.SecretStore
	if len(res.Passwords) > 0 {
		if secrets, err = env.openSecrets(); err != nil {
			return err
		}
	}
	added, renamed, err := st.AddImported(res, secrets)
	if err != nil {
		return err
	}
	if err := st.Save(); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "imported %d sites, skipped %d\n", len(added), len(res.Skipped))
	for _, s := range res.Skipped {
		fmt.Fprintf(env.stdout, "skipped %s: %s\n", ftpcore.Printable(s.Path), ftpcore.PrintableLines(s.Reason))
	}
	for _, w := range append(res.Warnings, renamed...) {
		fmt.Fprintf(env.stdout, "warning: %s\n", ftpcore.PrintableLines(fmt.Sprint(w)))
	}
	return nil
}

func sitesExport(env sitesEnv, args []string) error {
	fs := newFlagSet("export", env)
	withPasswords := fs.Bool("with-passwords", false, "include the saved passwords (base64, as FileZilla keeps them)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"export takes one FILE"}
	}
	st, err := env.openSites()
	if err != nil {
		return err
	}
	sites := st.Sites()
	var passwords map[string]string
	if *withPasswords {
		secrets, err := env.openSecrets()
		if err != nil {
			return err
		}
		if passwords, err = profile.ExportPasswords(sites, secrets); err != nil {
			return err
		}
	}
	var buf strings.Builder
	if err := profile.ExportFileZilla(&buf, sites, passwords); err != nil {
		return err
	}
	if err := profile.WritePrivateFile(pos[0], []byte(buf.String())); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "exported %d sites to %s\n", len(sites), pos[0])
	return nil
}

// sitesRepair resolves an unreadable sites file: with restore, by putting
// the backup in its place; otherwise by moving it aside for an empty list.
func sitesRepair(restore bool) func(sitesEnv, []string) error {
	return func(env sitesEnv, args []string) error {
		if len(args) != 0 {
			return usageError{"takes no arguments"}
		}
		dir, err := env.configDir()
		if err != nil {
			return err
		}
		st := profile.NewSiteStore(dir)
		loadErr := st.Load()
		if restore {
			if err := st.RestoreBackup(); err != nil {
				return err
			}
			fmt.Fprintf(env.stdout, "restored %s from its backup (%d sites)\n", st.Path(), len(st.Sites()))
			return nil
		}
		if loadErr == nil {
			return errors.New("the sites file is readable; nothing to reset (use rm to remove sites)")
		}
		moved, err := st.Reset()
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "moved the unreadable file to %s; the site list is now empty\n", moved)
		return nil
	}
}

// resolveSiteArg resolves a "SITE:/path" argument of ls, get or put into
// a remote: the saved site's configuration with its password (from the
// keyring or the encrypted file, FERRY_PASSWORD or a prompt for "ask"
// sites) and the settings' defaults. ok is false when arg is not of that
// form, and the caller goes on treating it as a URL or a local path.
func resolveSiteArg(arg string, env func(string) string, stderr io.Writer) (r remote, ok bool, err error) {
	if _, _, ok := profile.SplitSiteRef(arg); !ok {
		return remote{}, false, nil
	}
	e := sitesEnv{getenv: env, stderr: stderr}
	sites, err := e.openSites()
	if err != nil {
		return remote{}, true, err
	}
	dir, err := e.configDir()
	if err != nil {
		return remote{}, true, err
	}
	settings, err := profile.OpenSettingsStore(dir)
	if err != nil {
		return remote{}, true, err
	}
	secrets, err := e.openSecrets()
	if err != nil {
		return remote{}, true, err
	}
	ask := func(s profile.Site) (string, error) {
		if p := env("FERRY_PASSWORD"); p != "" {
			return p, nil
		}
		return promptSecret(stderr, fmt.Sprintf("Password for %s (%s@%s)", s.Path(), s.User, s.Host), false,
			"the site asks for a password: put it in FERRY_PASSWORD")
	}
	cfg, p, _, err := profile.ResolveSite(arg, sites, secrets, settings.Settings(), ask)
	if err != nil {
		return remote{}, true, err
	}
	if p == "" {
		p = "/"
	}
	r = remote{cfg: cfg, path: p}
	ref, _, _ := profile.SplitSiteRef(arg)
	if site, lerr := sites.Lookup(ref); lerr == nil {
		r.relayOnly, r.site = site.RelayOnly, site.Path()
		if cfg.TLS == ftpcore.TLSExplicitIfAvailable {
			r.noteTLS = func() error { return sites.NoteTLS(site.ID) }
		}
	}
	return r, true, nil
}
