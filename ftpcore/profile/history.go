package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/atomicfile"
)

// HistoryFileName is the name of the quick-connect history inside the
// config folder.
const HistoryFileName = "history.json"

// MaxQuickHistory is how many quick connections the history keeps.
const MaxQuickHistory = 10

const historyFileVersion = 1

// maxHistoryField bounds a host or user name read back from the file.
const maxHistoryField = 255

// QuickEntry is one remembered quick connection: where and as whom, never
// the password (the type has no field for one). It is a plain value.
type QuickEntry struct {
	Host     string
	Port     int // 0 for the protocol's default
	User     string
	Protocol ftpcore.TLSMode
}

// String writes the entry as the drop-down shows it: "user@host:port".
func (e QuickEntry) String() string {
	s := e.Host
	if strings.Contains(s, ":") {
		s = "[" + s + "]" // an IPv6 address
	}
	if e.Port != 0 {
		s = fmt.Sprintf("%s:%d", s, e.Port)
	}
	if e.User != "" {
		s = e.User + "@" + s
	}
	return s
}

// ErrBadHistoryEntry is returned by Remember for an entry that cannot be
// kept: no host, a port out of range, control characters or a name too long.
var ErrBadHistoryEntry = errors.New("not a quick connection that can be remembered")

func (e QuickEntry) check() error {
	bad := func(s string) bool {
		return len(s) > maxHistoryField || strings.IndexFunc(s, unicode.IsControl) >= 0
	}
	if e.Host == "" || bad(e.Host) || bad(e.User) || e.Port < 0 || e.Port > 65535 {
		return fmt.Errorf("%w: %q", ErrBadHistoryEntry, e.String())
	}
	return nil
}

type historyRecord struct {
	Host     string `json:"host"`
	Port     int    `json:"port,omitempty"`
	User     string `json:"user,omitempty"`
	Protocol string `json:"protocol"`
}

type historyDoc struct {
	Version int             `json:"version"`
	Quick   []historyRecord `json:"quick"`
}

// HistoryStore keeps the last MaxQuickHistory quick connections in
// history.json, most recent first. Safe for concurrent use; Remember
// writes the file and so belongs off the UI goroutine.
type HistoryStore struct {
	mu      sync.Mutex
	file    atomicfile.File
	entries []QuickEntry
}

// OpenHistory reads dir's history. A damaged file is moved aside and the
// history starts empty: it is a convenience, not worth blocking on; the
// returned error (a *CorruptFileError) says what happened.
func OpenHistory(dir string) (*HistoryStore, error) {
	h := &HistoryStore{file: atomicfile.New(filepath.Join(dir, HistoryFileName))}
	_, err := h.file.Load(h.decode)
	if err != nil {
		h.entries = nil
		if _, rerr := h.file.Reset(); rerr != nil {
			return h, errors.Join(err, rerr)
		}
	}
	return h, err
}

// decode reads history.json. Entries that fail check (a file edited by
// hand or by something else) are dropped, as are any beyond the limit.
func (h *HistoryStore) decode(data []byte) error {
	var doc historyDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return err
	}
	if doc.Version != historyFileVersion {
		return fmt.Errorf("format version %d is not one this Ferry reads (%d)", doc.Version, historyFileVersion)
	}
	h.entries = h.entries[:0]
	for _, r := range doc.Quick {
		mode, err := protocolNames().parse("protocol", r.Protocol)
		e := QuickEntry{Host: r.Host, Port: r.Port, User: r.User, Protocol: mode}
		if err != nil || e.check() != nil || len(h.entries) == MaxQuickHistory {
			continue
		}
		h.entries = append(h.entries, e)
	}
	return nil
}

// Entries returns the remembered connections, most recent first.
func (h *HistoryStore) Entries() []QuickEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]QuickEntry(nil), h.entries...)
}

// Remember puts e first (moving it if it was already there), drops the
// oldest beyond MaxQuickHistory and saves the file.
func (h *HistoryStore) Remember(e QuickEntry) error {
	if err := e.check(); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	list := []QuickEntry{e}
	for _, old := range h.entries {
		if old != e && len(list) < MaxQuickHistory {
			list = append(list, old)
		}
	}
	h.entries = list
	doc := historyDoc{Version: historyFileVersion, Quick: make([]historyRecord, len(list))}
	for i, x := range list {
		doc.Quick[i] = historyRecord{Host: x.Host, Port: x.Port, User: x.User, Protocol: protocolNames().format(x.Protocol)}
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the connection history: %w", err)
	}
	if err := h.file.Save(append(data, '\n')); err != nil {
		return fmt.Errorf("save the connection history: %w", err)
	}
	return nil
}
