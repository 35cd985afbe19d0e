package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"

	"ferry/ftpcore/internal/atomicfile"
)

// BookmarksFileName is the name of the bookmarks file inside the config
// folder.
const BookmarksFileName = "bookmarks.json"

const bookmarksFileVersion = 1

// maxBookmarkField bounds a bookmark's name, site key and folders.
const maxBookmarkField = 4096

// Bookmark is a pair of folders, local and remote, that the window opens
// together, as FileZilla's bookmarks do. A global bookmark (Site "")
// applies to whatever server is connected; a site's own one belongs to
// the saved site (its ID) or quick connection (its key) it was made on.
// It is a plain value.
type Bookmark struct {
	Name      string `json:"name"`
	Site      string `json:"site,omitempty"`
	LocalDir  string `json:"local,omitempty"`
	RemoteDir string `json:"remote,omitempty"`
	// Linked turns synchronised browsing on when the bookmark opens.
	Linked bool `json:"linked,omitempty"`
}

// ErrBadBookmark is returned for a bookmark without a name or folder, or
// with control characters or over-long fields.
var ErrBadBookmark = errors.New("not a valid bookmark")

// ErrBookmarkExists is returned by Add for a name already used in the
// same scope (global, or the same site).
var ErrBookmarkExists = errors.New("a bookmark of that name already exists")

func (b Bookmark) check() error {
	bad := func(s string) bool {
		return len(s) > maxBookmarkField || strings.IndexFunc(s, unicode.IsControl) >= 0
	}
	switch {
	case strings.TrimSpace(b.Name) == "", b.LocalDir == "" && b.RemoteDir == "",
		bad(b.Name), bad(b.Site), bad(b.LocalDir), bad(b.RemoteDir):
		return fmt.Errorf("%w: %q", ErrBadBookmark, b.Name)
	case b.LocalDir != "" && !filepath.IsAbs(b.LocalDir):
		return fmt.Errorf("%w: %q: the local folder %q is not absolute", ErrBadBookmark, b.Name, b.LocalDir)
	case b.RemoteDir != "" && !strings.HasPrefix(b.RemoteDir, "/"):
		return fmt.Errorf("%w: %q: the remote folder %q does not start with /", ErrBadBookmark, b.Name, b.RemoteDir)
	}
	return nil
}

type bookmarksDoc struct {
	Version   int               `json:"version"`
	Bookmarks []json.RawMessage `json:"bookmarks"`
}

// BookmarkStore keeps the bookmarks in bookmarks.json. Safe for
// concurrent use; Add and Remove write the file and so belong off the UI
// goroutine.
type BookmarkStore struct {
	mu    sync.Mutex
	file  atomicfile.File
	marks []Bookmark
	// unread holds the file's entries that fail the checks (edited by
	// hand, or from a later Ferry), written back as they were.
	unread []json.RawMessage
}

// UnreadBookmarksError reports entries of the bookmarks file that are not
// used (no name, a relative folder, a control character, a name given
// twice...). They stay in the file as they are.
type UnreadBookmarksError struct {
	Path    string
	Reasons []error
}

func (e *UnreadBookmarksError) Error() string {
	return fmt.Sprintf("%d entries of %s are not used and are kept as they are: %v",
		len(e.Reasons), e.Path, errors.Join(e.Reasons...))
}

// OpenBookmarks reads dir's bookmarks. A damaged file is reported (a
// *CorruptFileError) and kept: Add and Remove refuse to overwrite it.
// Entries that fail the checks are not used and are reported (an
// *UnreadBookmarksError, with a store that works); saving keeps them.
func OpenBookmarks(dir string) (*BookmarkStore, error) {
	s := &BookmarkStore{file: atomicfile.New(filepath.Join(dir, BookmarksFileName))}
	var reasons []error
	_, err := s.file.Load(func(data []byte) error {
		var derr error
		reasons, derr = s.decode(data)
		return derr
	})
	if err == nil && len(reasons) > 0 {
		return s, &UnreadBookmarksError{Path: s.file.Path, Reasons: reasons}
	}
	return s, err
}

// decode reads the file's entries; it returns why each unused one is.
func (s *BookmarkStore) decode(data []byte) ([]error, error) {
	var doc bookmarksDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Version != bookmarksFileVersion {
		return nil, fmt.Errorf("format version %d is not one this Ferry reads (%d)", doc.Version, bookmarksFileVersion)
	}
	s.marks, s.unread = s.marks[:0], nil
	var reasons []error
	for _, raw := range doc.Bookmarks {
		var b Bookmark
		err := json.Unmarshal(raw, &b)
		switch {
		case err != nil:
		case b.check() != nil:
			err = b.check()
		case s.index(b.Site, b.Name) >= 0:
			err = fmt.Errorf("%w: %q", ErrBookmarkExists, b.Name)
		default:
			s.marks = append(s.marks, b)
			continue
		}
		s.unread = append(s.unread, raw)
		reasons = append(reasons, err)
	}
	return reasons, nil
}

func (s *BookmarkStore) index(site, name string) int {
	return slices.IndexFunc(s.marks, func(b Bookmark) bool { return b.Site == site && b.Name == name })
}

// For returns the global bookmarks and those of site (none when site is
// ""), globals first, each group in the order they were added.
func (s *BookmarkStore) For(site string) []Bookmark {
	s.mu.Lock()
	defer s.mu.Unlock()
	var global, own []Bookmark
	for _, b := range s.marks {
		switch {
		case b.Site == "":
			global = append(global, b)
		case site != "" && b.Site == site:
			own = append(own, b)
		}
	}
	return append(global, own...)
}

// All returns every bookmark, in the order they were added.
func (s *BookmarkStore) All() []Bookmark {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.marks)
}

// Add saves a new bookmark.
func (s *BookmarkStore) Add(b Bookmark) error {
	b.Name = strings.TrimSpace(b.Name)
	if err := b.check(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.index(b.Site, b.Name) >= 0 {
		return fmt.Errorf("%w: %q", ErrBookmarkExists, b.Name)
	}
	return s.save(append(slices.Clone(s.marks), b))
}

// ErrNoBookmark is returned by Replace when the bookmark to change is
// not there (removed meanwhile).
var ErrNoBookmark = errors.New("no such bookmark")

// Replace changes the bookmark of that site and name into b, in its
// place in the list. b may have another name or scope, unless a different
// bookmark already uses it there (ErrBookmarkExists).
func (s *BookmarkStore) Replace(site, name string, b Bookmark) error {
	b.Name = strings.TrimSpace(b.Name)
	if err := b.check(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.index(site, name)
	if i < 0 {
		return fmt.Errorf("%w: %q", ErrNoBookmark, name)
	}
	if j := s.index(b.Site, b.Name); j >= 0 && j != i {
		return fmt.Errorf("%w: %q", ErrBookmarkExists, b.Name)
	}
	marks := slices.Clone(s.marks)
	marks[i] = b
	return s.save(marks)
}

// Remove deletes the bookmark of that site and name; a missing one is
// not an error.
func (s *BookmarkStore) Remove(site, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.index(site, name)
	if i < 0 {
		return nil
	}
	return s.save(slices.Delete(slices.Clone(s.marks), i, i+1))
}

// save writes marks and, once written, makes them the store's.
func (s *BookmarkStore) save(marks []Bookmark) error {
	doc := bookmarksDoc{Version: bookmarksFileVersion}
	for _, b := range marks {
		raw, err := json.Marshal(b)
		if err != nil {
			return fmt.Errorf("encode the bookmarks: %w", err)
		}
		doc.Bookmarks = append(doc.Bookmarks, raw)
	}
	doc.Bookmarks = append(doc.Bookmarks, s.unread...)
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the bookmarks: %w", err)
	}
	if err := s.file.Save(append(data, '\n')); err != nil {
		return fmt.Errorf("save the bookmarks: %w", err)
	}
	s.marks = marks
	return nil
}
