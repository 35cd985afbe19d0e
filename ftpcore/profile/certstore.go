package profile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/atomicfile"
)

// TrustedCertsFileName is the name of the list of certificates the user
// chose to always trust, inside the config folder.
const TrustedCertsFileName = "trusted-certs.json"

const trustedCertsVersion = 1

// CertStatus is what a CertStore knows of a server's certificate.
type CertStatus uint8

// The answers of CertStore.Check.
const (
	// CertUnknown: nothing is remembered for the server.
	CertUnknown CertStatus = iota
	// CertTrusted: the certificate is the one the user chose to trust.
	CertTrusted
	// CertChanged: the user trusted another certificate for this server.
	// Either the server was given a new certificate, or someone is in
	// the middle; the user must be told plainly.
	CertChanged
)

// String returns "unknown", "trusted" or "changed".
func (s CertStatus) String() string {
	switch s {
	case CertTrusted:
		return "trusted"
	case CertChanged:
		return "changed"
	}
	return "unknown"
}

// TrustedCert is one remembered "always trust" decision.
type TrustedCert struct {
	// Addr is the server's "host:port", host in lower case.
	Addr string `json:"addr"`
	// SHA256 is the colon-separated fingerprint of DER (see Fingerprint).
	SHA256 string `json:"sha256"`
	// DER is the leaf certificate itself, kept so that the user can look
	// at what they trusted.
	DER     []byte    `json:"der"`
	Subject string    `json:"subject,omitempty"`
	Added   time.Time `json:"added"`
}

type trustedCertsDoc struct {
	Version int           `json:"version"`
	Certs   []TrustedCert `json:"certs"`
}

// ErrBadCertAddr is returned when an address is not "host:port".
var ErrBadCertAddr = errors.New("ferry: certificate address is not host:port")

// CertStore remembers the certificates the user chose to always trust, one
// per server ("host:port"), in trusted-certs.json inside a config folder.
// It follows the rules of the other stores: atomic writes, the previous
// version kept as a backup, and an unreadable file reported and never
// overwritten until RestoreBackup or Reset. It is safe for concurrent use.
type CertStore struct {
	mu    sync.Mutex
	file  atomicfile.File
	certs map[string]TrustedCert
	now   func() time.Time
}

// NewCertStore returns an empty store for dir without reading anything.
func NewCertStore(dir string) *CertStore {
	return &CertStore{
		file:  atomicfile.New(filepath.Join(dir, TrustedCertsFileName)),
		certs: map[string]TrustedCert{},
		now:   time.Now,
	}
}

// OpenCertStore returns the store of dir, loaded. On a corrupt file it
// returns the (empty) store together with a *CorruptFileError.
func OpenCertStore(dir string) (*CertStore, error) {
	cs := NewCertStore(dir)
	return cs, cs.Load()
}

// Path returns the location of trusted-certs.json.
func (cs *CertStore) Path() string { return cs.file.Path }

// Load (re)reads the file; a missing file is an empty list.
func (cs *CertStore) Load() error {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.certs = map[string]TrustedCert{}
	_, err := cs.file.Load(cs.decode)
	return err
}

func (cs *CertStore) decode(data []byte) error {
	var doc trustedCertsDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return err
	}
	if doc.Version < 1 || doc.Version > trustedCertsVersion {
		return fmt.Errorf("format version %d is not one this Ferry reads (1..%d)", doc.Version, trustedCertsVersion)
	}
	certs := map[string]TrustedCert{}
	for _, c := range doc.Certs {
		key, err := CertAddrKey(c.Addr)
		if err != nil {
			return err
		}
		// The fingerprint is recomputed rather than believed, so that a
		// hand-edited entry cannot claim a certificate it does not hold.
		if len(c.DER) == 0 || !strings.EqualFold(ftpcore.Fingerprint(c.DER), c.SHA256) {
			return fmt.Errorf("entry %s: fingerprint does not match the certificate", c.Addr)
		}
		c.Addr = key
		certs[key] = c
	}
	cs.certs = certs
	return nil
}

// save writes the list; the caller holds mu.
func (cs *CertStore) save() error {
	doc := trustedCertsDoc{Version: trustedCertsVersion}
	for _, c := range cs.certs {
		doc.Certs = append(doc.Certs, c)
	}
	slices.SortFunc(doc.Certs, func(a, b TrustedCert) int { return strings.Compare(a.Addr, b.Addr) })
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode trusted certificates: %w", err)
	}
	return cs.file.Save(append(data, '\n'))
}

// CertAddrKey returns the form under which a server's certificate is
// remembered: "host:port" with the host in lower case and IPv6 in
// brackets. A missing port is an error, since FTPS on 990 and explicit
// TLS on 21 of the same host may well present different certificates.
func CertAddrKey(addr string) (string, error) {
	host, port, err := net.SplitHostPort(strings.TrimSpace(addr))
	if err != nil {
		return "", fmt.Errorf("%q: %w", addr, ErrBadCertAddr)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 || host == "" {
		return "", fmt.Errorf("%q: %w", addr, ErrBadCertAddr)
	}
	return net.JoinHostPort(strings.ToLower(host), strconv.Itoa(n)), nil
}

// Check says whether info's certificate is the one trusted for addr.
func (cs *CertStore) Check(addr string, info ftpcore.CertInfo) (CertStatus, error) {
	key, err := CertAddrKey(addr)
	if err != nil {
		return CertUnknown, err
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c, ok := cs.certs[key]
	switch {
	case !ok:
		return CertUnknown, nil
	case len(info.DER) > 0 && bytes.Equal(c.DER, info.DER):
		return CertTrusted, nil
	}
	return CertChanged, nil
}

// Lookup returns the certificate trusted for addr, if any.
func (cs *CertStore) Lookup(addr string) (TrustedCert, bool) {
	key, err := CertAddrKey(addr)
	if err != nil {
		return TrustedCert{}, false
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c, ok := cs.certs[key]
	c.DER = bytes.Clone(c.DER)
	return c, ok
}

// Trust remembers info's certificate for addr, replacing any other, and
// saves the list. Nothing is kept in memory when the save fails.
func (cs *CertStore) Trust(addr string, info ftpcore.CertInfo) error {
	key, err := CertAddrKey(addr)
	if err != nil {
		return err
	}
	if len(info.DER) == 0 {
		return fmt.Errorf("trust certificate of %s: no certificate", key)
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	prev, had := cs.certs[key]
	cs.certs[key] = TrustedCert{
		Addr: key, SHA256: ftpcore.Fingerprint(info.DER), DER: bytes.Clone(info.DER),
		Subject: info.Subject, Added: cs.now().UTC(),
	}
	if err := cs.save(); err != nil {
		if had {
			cs.certs[key] = prev
		} else {
			delete(cs.certs, key)
		}
		return fmt.Errorf("trust certificate of %s: %w", key, err)
	}
	return nil
}

// Forget drops the certificate trusted for addr and saves the list;
// forgetting an unknown server is not an error.
func (cs *CertStore) Forget(addr string) error {
	key, err := CertAddrKey(addr)
	if err != nil {
		return err
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	prev, had := cs.certs[key]
	if !had {
		return nil
	}
	delete(cs.certs, key)
	if err := cs.save(); err != nil {
		cs.certs[key] = prev
		return fmt.Errorf("forget certificate of %s: %w", key, err)
	}
	return nil
}

// Trusted returns every remembered certificate, sorted by address.
func (cs *CertStore) Trusted() []TrustedCert {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	out := make([]TrustedCert, 0, len(cs.certs))
	for _, c := range cs.certs {
		c.DER = bytes.Clone(c.DER)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b TrustedCert) int { return strings.Compare(a.Addr, b.Addr) })
	return out
}

// RestoreBackup replaces an unreadable file with its backup and loads it.
func (cs *CertStore) RestoreBackup() error {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.file.RestoreBackup(cs.decode)
}

// Reset moves an unreadable file aside and starts an empty list; it
// returns where the damaged file went.
func (cs *CertStore) Reset() (string, error) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.certs = map[string]TrustedCert{}
	return cs.file.Reset()
}

// CertDecider asks the user about a certificate the store does not trust:
// changed is true when another certificate was trusted for the server. It
// returns whether to go on and whether to remember the certificate.
type CertDecider func(ctx context.Context, info ftpcore.CertInfo, changed bool) (trust, always bool, err error)

// TrustFunc returns a Config.TrustCert for the server at addr: a
// certificate trusted before is accepted without asking; any other goes to
// ask, and is remembered when the user says "always". A failure to save
// that decision is returned, and the connection refused, so that the user
// is not led to believe it was kept.
func (cs *CertStore) TrustFunc(addr string, ask CertDecider) func(context.Context, ftpcore.CertInfo) (bool, error) {
	return func(ctx context.Context, info ftpcore.CertInfo) (bool, error) {
		status, err := cs.Check(addr, info)
		if err != nil {
			return false, err
		}
		if status == CertTrusted {
			return true, nil
		}
		if ask == nil {
			return false, nil
		}
		trust, always, err := ask(ctx, info, status == CertChanged)
		if err != nil || !trust {
			return false, err
		}
		if always {
			if err := cs.Trust(addr, info); err != nil {
				return false, err
			}
		}
		return true, nil
	}
}
