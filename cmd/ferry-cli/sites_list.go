package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// sitesListJSON is what "sites list --json" prints: every folder path
// (those kept empty too, which no site's "folder" would reveal) and every
// site as sites.json stores it, without passwords.
type sitesListJSON struct {
	Folders [][]string     `json:"folders"`
	Sites   []profile.Site `json:"sites"`
}

func sitesList(env sitesEnv, args []string) error {
	fs := newFlagSet("list", env)
	asJSON := fs.Bool("json", false, `print {"folders": [...], "sites": [...]}`)
	if pos, err := parseInterleaved(fs, args); err != nil || len(pos) > 0 {
		return errors.Join(err, usageError{"list takes no arguments"})
	}
	st, err := env.openSites()
	if err != nil {
		return err
	}
	sites, folders := st.Sites(), st.Folders()
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		// [] rather than null when empty, so that scripts can iterate.
		return enc.Encode(sitesListJSON{
			Folders: append([][]string{}, folders...),
			Sites:   append([]profile.Site{}, sites...),
		})
	}
	printFolder(env.stdout, nil, sites, folders)
	return nil
}

// printFolder writes the sites of folder path, then each of its
// subfolders as "name/" with its content indented below; sites and
// folders come sorted from the store.
func printFolder(w io.Writer, path []string, sites []profile.Site, folders [][]string) {
	indent := strings.Repeat("  ", len(path))
	for _, s := range sites {
		if slices.Equal(s.Folder, path) {
			fmt.Fprintf(w, "%s%s  %s\n", indent, ftpcore.Printable(s.Name), ftpcore.Printable(describeSite(s)))
		}
	}
	for _, f := range folders {
		if len(f) == len(path)+1 && slices.Equal(f[:len(path)], path) {
			fmt.Fprintf(w, "%s%s/\n", indent, ftpcore.Printable(f[len(path)]))
			printFolder(w, f, sites, folders)
		}
	}
}

// describeSite gives the site as a URL without password, unescaped for
// reading, plus what the URL cannot say.
func describeSite(s profile.Site) string {
	scheme := map[ftpcore.TLSMode]string{ftpcore.TLSNone: "ftp", ftpcore.TLSExplicitIfAvailable: "ftp",
		ftpcore.TLSExplicit: "ftpes", ftpcore.TLSImplicit: "ftps"}[s.Protocol]
	host := s.Host
	if s.Port != 0 {
		host = s.Addr()
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if s.User != "" && s.Logon != profile.LogonAnonymous {
		host = s.User + "@" + host
	}
	notes := []string{s.Logon.String()}
	if s.Protocol == ftpcore.TLSExplicitIfAvailable {
		notes = append(notes, "TLS if available")
	}
	return scheme + "://" + host + s.RemoteDir + " (" + strings.Join(notes, ", ") + ")"
}
