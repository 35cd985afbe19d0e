package profile

import (
	"crypto/rand"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"ferry/ftpcore/internal/atomicfile"
)

// Errors of the site store, to be tested with errors.Is.
var (
	// ErrSiteNotFound is returned when no site has the given ID or name.
	ErrSiteNotFound = errors.New("ferry: no such site")
	// ErrSiteExists is returned when a folder already holds a site of that
	// name.
	ErrSiteExists = errors.New("ferry: a site of that name already exists in the folder")
	// ErrFolderNotFound is returned when a folder does not exist.
	ErrFolderNotFound = errors.New("ferry: no such folder")
	// ErrFolderExists is returned when a folder already holds a folder of
	// that name.
	ErrFolderExists = errors.New("ferry: a folder of that name already exists there")
	// ErrFolderIntoItself is returned when a folder would move into
	// itself or one of its own subfolders.
	ErrFolderIntoItself = errors.New("ferry: a folder cannot move into itself or its subfolders")
)

// AmbiguousSiteError is returned by Lookup when a name matches several
// sites; Matches lists their paths so the user can pick one.
type AmbiguousSiteError struct {
	Ref     string
	Matches []string
}

func (e *AmbiguousSiteError) Error() string {
	return fmt.Sprintf("ferry: %q names %d sites (%s); use folder/name", e.Ref, len(e.Matches), strings.Join(e.Matches, ", "))
}

// SitesFileName is the name of the site list inside the config folder.
const SitesFileName = "sites.json"

// SiteStore holds the saved sites and their folders, kept in sites.json
// inside a config folder. Changes are made in memory and written by Save;
// the previous file is kept as sites.json.bak. A SiteStore is safe for
// concurrent use; Sites and Lookup return copies. Save writes without
// holding the lock that readers and changes take, so a slow disk never
// holds up a caller that only reads or changes the list in memory.
type SiteStore struct {
	// fileMu serialises the calls that touch the file (Save, Load,
	// RestoreBackup, Reset), so that writes reach the disk in the order
	// their content was taken. It is taken before mu.
	fileMu sync.Mutex
	file   atomicfile.File
	// beforeWrite, when set, runs in Save after the content is taken and
	// before it is written; its error fails the save.
	beforeWrite func() error

	mu      sync.Mutex
	sites   []Site
	folders [][]string // folders that exist even when empty
	// onDisk is what the file holds as far as this store knows: the
	// bytes last read or written successfully, nil for no file (or one
	// that could not be read). Revert goes back to it.
	onDisk []byte
}

// NewSiteStore returns an empty store for dir without reading anything.
func NewSiteStore(dir string) *SiteStore {
	return &SiteStore{file: atomicfile.New(filepath.Join(dir, SitesFileName))}
}

// OpenSiteStore returns the store of dir, loaded. When the file is corrupt
// it returns the (empty) store together with a *CorruptFileError, so that
// the caller can tell the user and then call RestoreBackup or Reset.
func OpenSiteStore(dir string) (*SiteStore, error) {
	st := NewSiteStore(dir)
	return st, st.Load()
}

// Path returns the location of sites.json.
func (st *SiteStore) Path() string { return st.file.Path }

// Load (re)reads sites.json; a missing file is an empty list. On failure
// the in-memory list is emptied and Save is refused until RestoreBackup or
// Reset.
func (st *SiteStore) Load() error {
	st.fileMu.Lock()
	defer st.fileMu.Unlock()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sites, st.folders, st.onDisk = nil, nil, nil
	_, err := st.file.Load(st.decode)
	return err
}

// decode replaces the list with data's and remembers data as the file's
// content. The caller holds st.mu.
func (st *SiteStore) decode(data []byte) error {
	folders, sites, err := decodeSites(data)
	if err != nil {
		return err
	}
	st.folders, st.sites, st.onDisk = folders, sites, data
	return nil
}

// Save writes the sites atomically, keeping the previous file as a backup.
// It returns a wrapped *CorruptFileError while a failed load is unresolved.
// Saves run one at a time, each writing the list as it was when it began.
func (st *SiteStore) Save() error {
	st.fileMu.Lock()
	defer st.fileMu.Unlock()
	st.mu.Lock()
	data, err := encodeSites(st.folders, st.sites)
	st.mu.Unlock()
	if err != nil {
		return err
	}
	if st.beforeWrite != nil {
		if err := st.beforeWrite(); err != nil {
			return fmt.Errorf("save %s: %w", st.file.Path, err)
		}
	}
	if err := st.file.Save(data); err != nil {
		return err
	}
	st.mu.Lock()
	st.onDisk = data
	st.mu.Unlock()
	return nil
}

// SetWriteHook makes every later Save call hook after taking the list and
// before writing it, outside the lock that readers take; an error from
// hook fails that save, wrapped. It lets tests stand in for a slow or
// failing disk. Call it before the store is shared.
func (st *SiteStore) SetWriteHook(hook func() error) {
	st.fileMu.Lock()
	defer st.fileMu.Unlock()
	st.beforeWrite = hook
}

// Revert drops the changes made in memory since the file was last read
// or written successfully, so that the list is again what the file holds
// (an empty list when there is no readable file). It does no I/O.
func (st *SiteStore) Revert() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.onDisk == nil {
		st.sites, st.folders = nil, nil
		return nil
	}
	return st.decode(st.onDisk)
}

// RestoreBackup replaces an unreadable sites.json with its backup (the
// damaged file is moved aside, not deleted) and loads it.
func (st *SiteStore) RestoreBackup() error {
	st.fileMu.Lock()
	defer st.fileMu.Unlock()
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.file.RestoreBackup(st.decode)
}

// Reset moves an unreadable sites.json aside and starts an empty list; it
// returns where the damaged file went.
func (st *SiteStore) Reset() (string, error) {
	st.fileMu.Lock()
	defer st.fileMu.Unlock()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sites, st.folders, st.onDisk = nil, nil, nil
	return st.file.Reset()
}

// Sites returns a copy of every site, ordered by folder and name.
func (st *SiteStore) Sites() []Site {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]Site, 0, len(st.sites))
	for _, s := range st.sites {
		out = append(out, s.clone())
	}
	slices.SortStableFunc(out, func(a, b Site) int {
		if c := slices.Compare(a.Folder, b.Folder); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Folders returns every folder path, those holding sites and those kept
// empty, sorted.
func (st *SiteStore) Folders() [][]string {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out [][]string
	add := func(path []string) {
		for i := 1; i <= len(path); i++ {
			p := path[:i]
			if !slices.ContainsFunc(out, func(q []string) bool { return slices.Equal(p, q) }) {
				out = append(out, slices.Clone(p))
			}
		}
	}
	for _, f := range st.folders {
		add(f)
	}
	for _, s := range st.sites {
		add(s.Folder)
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

// Get returns the site with the given ID.
func (st *SiteStore) Get(id string) (Site, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	i := st.index(id)
	if i < 0 {
		return Site{}, fmt.Errorf("site id %q: %w", id, ErrSiteNotFound)
	}
	return st.sites[i].clone(), nil
}

func (st *SiteStore) index(id string) int {
	return slices.IndexFunc(st.sites, func(s Site) bool { return s.ID == id })
}

// conflict reports whether another site of the same folder has the name.
func (st *SiteStore) conflict(s Site) bool {
	return slices.ContainsFunc(st.sites, func(o Site) bool {
		return o.ID != s.ID && o.Name == s.Name && slices.Equal(o.Folder, s.Folder)
	})
}

// Add validates a new site, gives it a fresh ID and stores it. It returns
// the stored site.
func (st *SiteStore) Add(s Site) (Site, error) {
	if err := s.Validate(); err != nil {
		return Site{}, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s = s.clone()
	s.ID = newSiteID()
	if st.conflict(s) {
		return Site{}, fmt.Errorf("add %q: %w", s.Path(), ErrSiteExists)
	}
	st.sites = append(st.sites, s)
	return s.clone(), nil
}

// AddUnique stores a site like Add, but renames it "Name (2)", "Name (3)"...
// when its folder already holds that name, as an import must keep every
// site, and keeps s.ID when it is set and unused (so an ImportResult's
// passwords stay keyed right). It returns the stored site.
func (st *SiteStore) AddUnique(s Site) (Site, error) {
	if err := s.Validate(); err != nil {
		return Site{}, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s = s.clone()
	if s.ID == "" || st.index(s.ID) >= 0 {
		s.ID = newSiteID()
	}
	base := s.Name
	for n := 2; st.conflict(s); n++ {
		s.Name = fmt.Sprintf("%s (%d)", base, n)
	}
	st.sites = append(st.sites, s)
	return s.clone(), nil
}

// FreeName returns name, or "name (2)", "name (3)"... the first that no
// other site of s's folder has.
func (st *SiteStore) FreeName(s Site, name string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	s.Name = name
	for n := 2; st.conflict(s); n++ {
		s.Name = fmt.Sprintf("%s (%d)", name, n)
	}
	return s.Name
}

// Update replaces the stored site that has s.ID.
func (st *SiteStore) Update(s Site) error {
	if err := s.Validate(); err != nil {
		return err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	i := st.index(s.ID)
	if i < 0 {
		return fmt.Errorf("update %q: %w", s.Path(), ErrSiteNotFound)
	}
	if st.conflict(s) {
		return fmt.Errorf("update %q: %w", s.Path(), ErrSiteExists)
	}
	if old := st.sites[i]; !strings.EqualFold(old.Host, s.Host) || old.Port != s.Port {
		s.TLSSeen = false // another server: what the old one offered says nothing
	}
	st.sites[i] = s.clone()
	return nil
}

// NoteTLS records that the site's server accepted TLS (Site.TLSSeen) and
// saves the store when that is news, so that the site refuses a silent
// fall back to clear text from then on. It is safe for concurrent use.
func (st *SiteStore) NoteTLS(id string) error {
	st.mu.Lock()
	i := st.index(id)
	if i < 0 || st.sites[i].TLSSeen {
		st.mu.Unlock()
		return nil
	}
	st.sites[i].TLSSeen = true
	st.mu.Unlock()
	return st.Save()
}

// Remove deletes the site with the given ID. Its password is the caller's
// to delete from the SecretStore.
func (st *SiteStore) Remove(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	i := st.index(id)
	if i < 0 {
		return fmt.Errorf("remove site id %q: %w", id, ErrSiteNotFound)
	}
	st.sites = slices.Delete(st.sites, i, i+1)
	return nil
}

// Move puts the site with the given ID into folder (nil for the top level).
func (st *SiteStore) Move(id string, folder []string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	i := st.index(id)
	if i < 0 {
		return fmt.Errorf("move site id %q: %w", id, ErrSiteNotFound)
	}
	moved := st.sites[i].clone()
	moved.Folder = slices.Clone(folder)
	if err := moved.Validate(); err != nil {
		return err
	}
	if st.conflict(moved) {
		return fmt.Errorf("move %q: %w", moved.Path(), ErrSiteExists)
	}
	st.sites[i] = moved
	return nil
}

// Duplicate copies the site with the given ID into the same folder under
// "Name (copy)" with a new ID, and returns the copy. Copying the password
// is the caller's, with the SecretStore.
func (st *SiteStore) Duplicate(id string) (Site, error) {
	st.mu.Lock()
	i := st.index(id)
	if i < 0 {
		st.mu.Unlock()
		return Site{}, fmt.Errorf("duplicate site id %q: %w", id, ErrSiteNotFound)
	}
	dup := st.sites[i].clone()
	dup.ID = ""
	st.mu.Unlock()
	dup.Name += " (copy)"
	return st.AddUnique(dup)
}

// AddFolder creates a folder path (and its parents), kept even while empty.
func (st *SiteStore) AddFolder(path []string) error {
	if len(path) == 0 || slices.ContainsFunc(path, func(p string) bool { return strings.TrimSpace(p) == "" }) {
		return &InvalidSiteError{Site: strings.Join(path, "/"), Field: "folder", Reason: "empty folder name"}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !slices.ContainsFunc(st.folders, func(f []string) bool { return slices.Equal(f, path) }) {
		st.folders = append(st.folders, slices.Clone(path))
	}
	return nil
}

// RenameFolder gives the folder at path a new last name, carrying its
// sites and subfolders along.
func (st *SiteStore) RenameFolder(path []string, newName string) error {
	if len(path) == 0 || strings.TrimSpace(newName) == "" {
		return &InvalidSiteError{Site: strings.Join(path, "/"), Field: "folder", Reason: "empty folder name"}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.folderExists(path) {
		return fmt.Errorf("rename folder %q: %w", strings.Join(path, "/"), ErrFolderNotFound)
	}
	target := append(slices.Clone(path[:len(path)-1]), newName)
	st.rebaseFolder(path, target)
	return nil
}

// MoveFolder puts the folder at path, with its subfolders and sites, into
// newParent (nil for the top level), keeping its name. newParent must
// exist and must not be the folder or lie inside it
// (ErrFolderIntoItself); a folder of the same name there is
// ErrFolderExists. Moving to the current parent changes nothing. The
// change is whole or none, in memory until Save writes it atomically; the
// folder left behind stays, even when empty. Site IDs do not change, so
// passwords and queued transfers keep following their sites.
func (st *SiteStore) MoveFolder(path, newParent []string) error {
	name := strings.Join(path, "/")
	if len(path) == 0 {
		return &InvalidSiteError{Site: name, Field: "folder", Reason: "the top level cannot move"}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.folderExists(path) {
		return fmt.Errorf("move folder %q: %w", name, ErrFolderNotFound)
	}
	if len(newParent) > 0 && !st.folderExists(newParent) {
		return fmt.Errorf("move folder %q into %q: %w", name, strings.Join(newParent, "/"), ErrFolderNotFound)
	}
	if isUnder(newParent, path) {
		return fmt.Errorf("move folder %q into %q: %w", name, strings.Join(newParent, "/"), ErrFolderIntoItself)
	}
	oldParent := path[:len(path)-1]
	if slices.Equal(newParent, oldParent) {
		return nil
	}
	target := append(slices.Clone(newParent), path[len(path)-1])
	if st.folderExists(target) {
		return fmt.Errorf("move folder %q to %q: %w", name, strings.Join(target, "/"), ErrFolderExists)
	}
	st.rebaseFolder(path, target)
	if len(oldParent) > 0 && !st.folderExists(oldParent) {
		// It held only what moved out; the user did not delete it.
		st.folders = append(st.folders, slices.Clone(oldParent))
	}
	return nil
}

// rebaseFolder moves every folder and site at or below path to target,
// keeping what lies below path. The caller holds st.mu.
func (st *SiteStore) rebaseFolder(path, target []string) {
	rebase := func(p []string) []string {
		if isUnder(p, path) {
			return append(slices.Clone(target), p[len(path):]...)
		}
		return p
	}
	for i := range st.folders {
		st.folders[i] = rebase(st.folders[i])
	}
	for i := range st.sites {
		st.sites[i].Folder = rebase(st.sites[i].Folder)
	}
}

// isUnder reports whether p is folder or lies inside it.
func isUnder(p, folder []string) bool {
	return len(p) >= len(folder) && slices.Equal(p[:len(folder)], folder)
}

// RemoveFolder deletes a folder with its subfolders and sites, and returns
// the IDs of the removed sites so the caller can delete their passwords.
func (st *SiteStore) RemoveFolder(path []string) ([]string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(path) == 0 || !st.folderExists(path) {
		return nil, fmt.Errorf("remove folder %q: %w", strings.Join(path, "/"), ErrFolderNotFound)
	}
	inside := func(p []string) bool { return len(p) >= len(path) && slices.Equal(p[:len(path)], path) }
	st.folders = slices.DeleteFunc(st.folders, inside)
	var ids []string
	st.sites = slices.DeleteFunc(st.sites, func(s Site) bool {
		if inside(s.Folder) {
			ids = append(ids, s.ID)
			return true
		}
		return false
	})
	return ids, nil
}

func (st *SiteStore) folderExists(path []string) bool {
	under := func(p []string) bool { return len(p) >= len(path) && slices.Equal(p[:len(path)], path) }
	return slices.ContainsFunc(st.folders, under) ||
		slices.ContainsFunc(st.sites, func(s Site) bool { return under(s.Folder) })
}

// Lookup finds a site by reference: its full "folder/name" path, or its
// bare name when only one site has it. Case matters; a name that matches
// several sites gives an *AmbiguousSiteError, none gives ErrSiteNotFound.
func (st *SiteStore) Lookup(ref string) (Site, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	ref = strings.Trim(ref, "/")
	var byPath, byName []Site
	for _, s := range st.sites {
		if s.Path() == ref {
			byPath = append(byPath, s)
		}
		if s.Name == ref {
			byName = append(byName, s)
		}
	}
	matches := byPath
	if len(matches) == 0 {
		matches = byName
	}
	switch len(matches) {
	case 0:
		return Site{}, fmt.Errorf("site %q: %w", ref, ErrSiteNotFound)
	case 1:
		return matches[0].clone(), nil
	}
	amb := &AmbiguousSiteError{Ref: ref}
	for _, s := range matches {
		amb.Matches = append(amb.Matches, s.Path())
	}
	return Site{}, amb
}

// newSiteID returns a random identifier; crypto/rand makes collisions with
// sites created on other machines (then imported) practically impossible.
func newSiteID() string { return strings.ToLower(rand.Text()) }
