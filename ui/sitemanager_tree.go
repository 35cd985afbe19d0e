package ui

import (
	"slices"
	"strings"

	"ferry/ftpcore/profile"
)

// Node IDs of the site tree. A folder's ID joins its path with the unit
// separator, which no sensible folder name holds; the top level ("My
// Sites") is the folder with the empty path.
const (
	folderPrefix  = "d:"
	sitePrefix    = "s:"
	pathSeparator = "\x1f"
	topFolderID   = folderPrefix
)

func folderID(path []string) string { return folderPrefix + strings.Join(path, pathSeparator) }

func siteID(id string) string { return sitePrefix + id }

// folderPath returns the path of a folder node; ok is false for a site.
func folderPath(uid string) (path []string, ok bool) {
	rest, ok := strings.CutPrefix(uid, folderPrefix)
	if !ok {
		return nil, false
	}
	if rest == "" {
		return nil, true
	}
	return strings.Split(rest, pathSeparator), true
}

// siteOf returns the site ID of a site node.
func siteOf(uid string) (string, bool) { return strings.CutPrefix(uid, sitePrefix) }

// siteTree is one snapshot of the store shaped for widget.Tree: the
// children of every node, folders first, each group sorted as a person
// would (case-insensitively).
type siteTree struct {
	children map[string][]string
	labels   map[string]string
	sites    map[string]profile.Site
}

// buildSiteTree lays out sites and folders. A non-empty filter keeps the
// sites whose name, host or user contains it (ignoring case), the folders
// leading to them, and the folders whose own name matches.
func buildSiteTree(sites []profile.Site, folders [][]string, filter string, topLabel string) siteTree {
	t := siteTree{
		children: map[string][]string{"": {topFolderID}},
		labels:   map[string]string{topFolderID: topLabel},
		sites:    map[string]profile.Site{},
	}
	filter = strings.ToLower(strings.TrimSpace(filter))
	keep := map[string]bool{topFolderID: true}
	keepPath := func(path []string) {
		for i := 0; i <= len(path); i++ {
			keep[folderID(path[:i])] = true
		}
	}
	for _, f := range folders {
		if filter == "" || strings.Contains(strings.ToLower(f[len(f)-1]), filter) {
			keepPath(f)
		}
	}
	var shown []profile.Site
	for _, s := range sites {
		if filter != "" && !siteMatches(s, filter) {
			continue
		}
		keepPath(s.Folder)
		shown = append(shown, s)
	}
	var folderNodes []string
	for id := range keep {
		if id != topFolderID {
			folderNodes = append(folderNodes, id)
		}
	}
	slices.SortFunc(folderNodes, func(a, b string) int { return compareFold(lastName(a), lastName(b)) })
	for _, id := range folderNodes {
		path, _ := folderPath(id)
		parent := folderID(path[:len(path)-1])
		t.children[parent] = append(t.children[parent], id)
		t.labels[id] = path[len(path)-1]
	}
	slices.SortStableFunc(shown, func(a, b profile.Site) int { return compareFold(a.Name, b.Name) })
	for _, s := range shown {
		parent := folderID(s.Folder)
		uid := siteID(s.ID)
		t.children[parent] = append(t.children[parent], uid)
		t.labels[uid] = s.Name
		t.sites[uid] = s
	}
	return t
}

func siteMatches(s profile.Site, lowerFilter string) bool {
	for _, v := range []string{s.Name, s.Host, s.User} {
		if strings.Contains(strings.ToLower(v), lowerFilter) {
			return true
		}
	}
	return false
}

func lastName(folderUID string) string {
	path, _ := folderPath(folderUID)
	if len(path) == 0 {
		return ""
	}
	return path[len(path)-1]
}

func compareFold(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// has reports whether the node is in the snapshot.
func (t siteTree) has(uid string) bool {
	_, ok := t.labels[uid]
	return ok
}
