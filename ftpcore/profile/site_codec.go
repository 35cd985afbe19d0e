package profile

import (
	"bytes"
	"encoding/json"
	"fmt"

	"ferry/ftpcore"
)

// sitesFileVersion is the format of sites.json this code writes; a newer
// one is refused rather than half-read and then overwritten.
const sitesFileVersion = 1

// sitesDoc is sites.json: enums are spelled out so that the file reads
// well and survives a reordering of the Go constants.
type sitesDoc struct {
	Version int          `json:"version"`
	Folders [][]string   `json:"folders,omitempty"`
	Sites   []siteRecord `json:"sites"`
}

type siteRecord struct {
	ID             string   `json:"id"`
	Folder         []string `json:"folder,omitempty"`
	Name           string   `json:"name"`
	Host           string   `json:"host"`
	Port           int      `json:"port,omitempty"`
	Protocol       string   `json:"protocol"`
	Logon          string   `json:"logon"`
	User           string   `json:"user,omitempty"`
	Account        string   `json:"account,omitempty"`
	DataMode       string   `json:"dataMode,omitempty"`
	TransferType   string   `json:"transferType,omitempty"`
	MaxConnections int      `json:"maxConnections,omitempty"`
	TZOffset       int      `json:"tzOffsetMinutes,omitempty"`
	Charset        string   `json:"charset,omitempty"`
	LocalDir       string   `json:"localDir,omitempty"`
	RemoteDir      string   `json:"remoteDir,omitempty"`
	Comments       string   `json:"comments,omitempty"`
	RelayOnly      bool     `json:"relayOnly,omitempty"`
	TLSSeen        bool     `json:"tlsSeen,omitempty"`
}

// enumNames maps each spelling in the file to its value; the first spelling
// of a value is the one written.
type enumNames[T comparable] []struct {
	name string
	val  T
}

func (n enumNames[T]) format(v T) string {
	for _, e := range n {
		if e.val == v {
			return e.name
		}
	}
	return n[0].name
}

func (n enumNames[T]) parse(field, s string) (T, error) {
	if s == "" {
		return n[0].val, nil
	}
	for _, e := range n {
		if e.name == s {
			return e.val, nil
		}
	}
	var zero T
	return zero, fmt.Errorf("%s: unknown value %q", field, s)
}

func protocolNames() enumNames[ftpcore.TLSMode] {
	return enumNames[ftpcore.TLSMode]{
		{"ftp", ftpcore.TLSExplicitIfAvailable}, {"ftp-plain", ftpcore.TLSNone},
		{"ftpes", ftpcore.TLSExplicit}, {"ftps", ftpcore.TLSImplicit},
	}
}

func logonNames() enumNames[LogonType] {
	return enumNames[LogonType]{{"normal", LogonNormal}, {"anonymous", LogonAnonymous}, {"ask", LogonAsk}}
}

func dataOverrideNames() enumNames[DataModeOverride] {
	return enumNames[DataModeOverride]{{"default", DataDefault}, {"passive", DataPassive}, {"active", DataActive}}
}

func dataModeNames() enumNames[ftpcore.DataMode] {
	return enumNames[ftpcore.DataMode]{{"passive", ftpcore.Passive}, {"active", ftpcore.Active}}
}

func transferTypeNames() enumNames[ftpcore.TransferType] {
	return enumNames[ftpcore.TransferType]{{"auto", ftpcore.TypeAuto}, {"ascii", ftpcore.TypeASCII}, {"binary", ftpcore.TypeBinary}}
}

func siteToRecord(s Site) siteRecord {
	return siteRecord{
		ID: s.ID, Folder: s.Folder, Name: s.Name, Host: s.Host, Port: s.Port,
		Protocol:       protocolNames().format(s.Protocol),
		Logon:          logonNames().format(s.Logon),
		User:           s.User,
		Account:        s.Account,
		DataMode:       dataOverrideNames().format(s.DataMode),
		TransferType:   transferTypeNames().format(s.TransferType),
		MaxConnections: s.MaxConnections, TZOffset: s.TZOffset, Charset: s.Charset,
		LocalDir: s.LocalDir, RemoteDir: s.RemoteDir, Comments: s.Comments, RelayOnly: s.RelayOnly,
		TLSSeen: s.TLSSeen,
	}
}

func recordToSite(r siteRecord) (Site, error) {
	s := Site{
		ID: r.ID, Folder: r.Folder, Name: r.Name, Host: r.Host, Port: r.Port, User: r.User,
		Account: r.Account, MaxConnections: r.MaxConnections, TZOffset: r.TZOffset,
		Charset: r.Charset, LocalDir: r.LocalDir, RemoteDir: r.RemoteDir,
		Comments: r.Comments, RelayOnly: r.RelayOnly, TLSSeen: r.TLSSeen,
	}
	var err error
	if s.Protocol, err = protocolNames().parse("protocol", r.Protocol); err != nil {
		return Site{}, err
	}
	if s.Logon, err = logonNames().parse("logon", r.Logon); err != nil {
		return Site{}, err
	}
	if s.DataMode, err = dataOverrideNames().parse("dataMode", r.DataMode); err != nil {
		return Site{}, err
	}
	if s.TransferType, err = transferTypeNames().parse("transferType", r.TransferType); err != nil {
		return Site{}, err
	}
	return s, nil
}

// MarshalJSON writes the site as sites.json stores it, choices spelled
// out ("protocol": "ftpes"). There is no password to leak: a Site has none.
func (s Site) MarshalJSON() ([]byte, error) { return json.Marshal(siteToRecord(s)) }

// UnmarshalJSON reads the form MarshalJSON writes.
func (s *Site) UnmarshalJSON(data []byte) error {
	var r siteRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return err
	}
	site, err := recordToSite(r)
	if err != nil {
		return err
	}
	*s = site
	return nil
}

func encodeSites(folders [][]string, sites []Site) ([]byte, error) {
	doc := sitesDoc{Version: sitesFileVersion, Folders: folders, Sites: make([]siteRecord, 0, len(sites))}
	for _, s := range sites {
		doc.Sites = append(doc.Sites, siteToRecord(s))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode sites: %w", err)
	}
	return buf.Bytes(), nil
}

func decodeSites(data []byte) (folders [][]string, sites []Site, err error) {
	var doc sitesDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, nil, err
	}
	if doc.Version < 1 || doc.Version > sitesFileVersion {
		return nil, nil, fmt.Errorf("format version %d is not one this Ferry reads (1..%d)", doc.Version, sitesFileVersion)
	}
	seen := make(map[string]bool, len(doc.Sites))
	for i, r := range doc.Sites {
		s, err := recordToSite(r)
		if err != nil {
			return nil, nil, fmt.Errorf("site %d (%q): %w", i+1, r.Name, err)
		}
		if s.ID == "" || seen[s.ID] {
			return nil, nil, fmt.Errorf("site %d (%q): missing or duplicate id", i+1, r.Name)
		}
		seen[s.ID] = true
		sites = append(sites, s)
	}
	return doc.Folders, sites, nil
}
