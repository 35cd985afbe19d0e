package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"ferry/ftpcore/internal/atomicfile"
)

// SettingsFileName is the name of the settings file inside the config
// folder.
const SettingsFileName = "settings.json"

const settingsFileVersion = 1

// settingsDoc is settings.json: durations as Go duration strings ("20s")
// and choices spelled out. Missing keys take their defaults.
type settingsDoc struct {
	Version             int      `json:"version"`
	DataMode            string   `json:"dataMode"`
	TransferType        string   `json:"transferType"`
	ASCIIExtensions     []string `json:"asciiExtensions"`
	ASCIINoExtension    bool     `json:"asciiNoExtension"`
	ASCIIDotfiles       bool     `json:"asciiDotfiles"`
	ConcurrentTransfers int      `json:"concurrentTransfers"`
	ConnectTimeout      string   `json:"connectTimeout"`
	ReplyTimeout        string   `json:"replyTimeout"`
	Retries             int      `json:"retries"`
	RetryDelay          string   `json:"retryDelay"`
	KeepAlive           string   `json:"keepAlive"`
	ActivePortMin       int      `json:"activePortMin"`
	ActivePortMax       int      `json:"activePortMax"`
	ActiveExternalIP    string   `json:"activeExternalIP"`
	DownloadExists      string   `json:"downloadExists"`
	UploadExists        string   `json:"uploadExists"`
	DownloadLimit       int64    `json:"downloadLimit"`
	UploadLimit         int64    `json:"uploadLimit"`
	FXPFallback         string   `json:"fxpFallback"`
	Language            string   `json:"language"`
	LogLines            int      `json:"logLines"`
	Theme               string   `json:"theme,omitempty"`
	CompareMode         string   `json:"compareMode"`
	CompareTolerance    string   `json:"compareTolerance"`
}

func settingsToDoc(s Settings) settingsDoc {
	return settingsDoc{
		Version:             settingsFileVersion,
		DataMode:            dataModeNames().format(s.DataMode),
		TransferType:        transferTypeNames().format(s.TransferType),
		ASCIIExtensions:     s.ASCIIExtensions,
		ASCIINoExtension:    s.ASCIINoExtension,
		ASCIIDotfiles:       s.ASCIIDotfiles,
		ConcurrentTransfers: s.ConcurrentTransfers,
		ConnectTimeout:      s.ConnectTimeout.String(),
		ReplyTimeout:        s.ReplyTimeout.String(),
		Retries:             s.Retries,
		RetryDelay:          s.RetryDelay.String(),
		KeepAlive:           s.KeepAlive.String(),
		ActivePortMin:       s.ActivePortMin,
		ActivePortMax:       s.ActivePortMax,
		ActiveExternalIP:    s.ActiveExternalIP,
		DownloadExists:      existsNames().format(s.DownloadExists),
		UploadExists:        existsNames().format(s.UploadExists),
		DownloadLimit:       s.DownloadLimit,
		UploadLimit:         s.UploadLimit,
		FXPFallback:         fxpNames().format(s.FXPFallback),
		Language:            s.Language,
		LogLines:            s.LogLines,
		Theme:               s.Theme,
		CompareMode:         compareModeNames().format(s.CompareMode),
		CompareTolerance:    s.CompareTolerance.String(),
	}
}

// decodeSettings reads settings.json over the defaults. Unknown choices
// and malformed durations make the file corrupt (it is not ours to guess);
// numbers out of range are clamped.
func decodeSettings(data []byte) (Settings, error) {
	doc := settingsToDoc(DefaultSettings())
	doc.Version = 0
	if err := json.Unmarshal(data, &doc); err != nil {
		return Settings{}, err
	}
	if doc.Version < 1 || doc.Version > settingsFileVersion {
		return Settings{}, fmt.Errorf("format version %d is not one this Ferry reads (1..%d)", doc.Version, settingsFileVersion)
	}
	s := Settings{
		ASCIIExtensions: doc.ASCIIExtensions, ASCIINoExtension: doc.ASCIINoExtension,
		ASCIIDotfiles: doc.ASCIIDotfiles, ConcurrentTransfers: doc.ConcurrentTransfers,
		Retries: doc.Retries, ActivePortMin: doc.ActivePortMin, ActivePortMax: doc.ActivePortMax,
		ActiveExternalIP: doc.ActiveExternalIP, DownloadLimit: doc.DownloadLimit,
		UploadLimit: doc.UploadLimit, Language: doc.Language, LogLines: doc.LogLines,
		Theme: doc.Theme,
	}
	var errs []error
	var err error
	keep := func(e error) {
		if e != nil {
			errs = append(errs, e)
		}
	}
	duration := func(field, v string) time.Duration {
		d, e := time.ParseDuration(v)
		if e != nil {
			keep(fmt.Errorf("%s: %q is not a duration", field, v))
		}
		return d
	}
	s.DataMode, err = dataModeNames().parse("dataMode", doc.DataMode)
	keep(err)
	s.TransferType, err = transferTypeNames().parse("transferType", doc.TransferType)
	keep(err)
	s.DownloadExists, err = existsNames().parse("downloadExists", doc.DownloadExists)
	keep(err)
	s.UploadExists, err = existsNames().parse("uploadExists", doc.UploadExists)
	keep(err)
	s.FXPFallback, err = fxpNames().parse("fxpFallback", doc.FXPFallback)
	keep(err)
	s.CompareMode, err = compareModeNames().parse("compareMode", doc.CompareMode)
	keep(err)
	s.CompareTolerance = duration("compareTolerance", doc.CompareTolerance)
	s.ConnectTimeout = duration("connectTimeout", doc.ConnectTimeout)
	s.ReplyTimeout = duration("replyTimeout", doc.ReplyTimeout)
	s.RetryDelay = duration("retryDelay", doc.RetryDelay)
	s.KeepAlive = duration("keepAlive", doc.KeepAlive)
	if len(errs) > 0 {
		return Settings{}, errors.Join(errs...)
	}
	return s.Clamp(), nil
}

// SettingsStore keeps Settings in settings.json inside a config folder,
// under the same rules as SiteStore: atomic writes, the previous version
// kept as settings.json.bak, an unreadable file reported and never
// overwritten until RestoreBackup or Reset. It is safe for concurrent use.
type SettingsStore struct {
	mu       sync.Mutex
	file     atomicfile.File
	settings Settings
}

// NewSettingsStore returns a store for dir holding DefaultSettings,
// without reading anything.
func NewSettingsStore(dir string) *SettingsStore {
	return &SettingsStore{file: atomicfile.New(filepath.Join(dir, SettingsFileName)), settings: DefaultSettings()}
}

// OpenSettingsStore returns the store of dir, loaded. On a corrupt file it
// returns the store, holding the defaults, with a *CorruptFileError.
func OpenSettingsStore(dir string) (*SettingsStore, error) {
	st := NewSettingsStore(dir)
	return st, st.Load()
}

// Path returns the location of settings.json.
func (st *SettingsStore) Path() string { return st.file.Path }

// Load (re)reads settings.json; a missing file means the defaults.
func (st *SettingsStore) Load() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.settings = DefaultSettings()
	_, err := st.file.Load(st.decode)
	return err
}

func (st *SettingsStore) decode(data []byte) error {
	s, err := decodeSettings(data)
	if err != nil {
		return err
	}
	st.settings = s
	return nil
}

// Settings returns a copy of the current settings.
func (st *SettingsStore) Settings() Settings {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.settings
	s.ASCIIExtensions = append([]string(nil), s.ASCIIExtensions...)
	return s
}

// Save validates s and writes it atomically. Invalid settings are refused
// with the joined *InvalidSettingError values, and nothing is written.
func (st *SettingsStore) Save(s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(settingsToDoc(s)); err != nil {
		return fmt.Errorf("encode settings: %w", err)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.file.Save(buf.Bytes()); err != nil {
		return err
	}
	s.ASCIIExtensions = append([]string(nil), s.ASCIIExtensions...)
	st.settings = s
	return nil
}

// RestoreBackup replaces an unreadable settings.json with its backup (the
// damaged file is moved aside) and loads it.
func (st *SettingsStore) RestoreBackup() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.file.RestoreBackup(st.decode)
}

// Reset moves an unreadable settings.json aside and returns to the
// defaults; it returns where the damaged file went.
func (st *SettingsStore) Reset() (string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.settings = DefaultSettings()
	return st.file.Reset()
}
