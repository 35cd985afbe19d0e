package ftpcore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// CertInfo describes a server certificate the system roots could not
// verify, for the user to judge.
type CertInfo struct {
	Host        string
	SHA256      string // colon-separated hex fingerprint of the leaf certificate
	Subject     string
	Issuer      string
	NotBefore   time.Time
	NotAfter    time.Time
	DNSNames    []string
	IPs         []string
	TLSVersion  string
	Cipher      string
	VerifyError string // why verification failed
	DER         []byte // the leaf certificate, to be remembered when trusted
}

// Fingerprint returns the colon-separated SHA-256 of a DER certificate, as
// certificate dialogs show it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	var b strings.Builder
	for i, c := range sum {
		if i > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%02X", c)
	}
	return b.String()
}

// tlsState holds what a session needs to protect its data connections: the
// configuration shared with the control connection (same ServerName, same
// session cache, so handshakes resume the control session as vsftpd and
// ProFTPD require) and the leaf certificate the control connection accepted.
type tlsState struct {
	conf *tls.Config
	leaf []byte
}

// newTLSState builds the client configuration for host. Verification is
// done by hand after the handshake so that an unknown certificate can be
// shown to the user instead of failing outright.
func newTLSState(base *tls.Config, host string) *tlsState {
	var conf *tls.Config
	if base != nil {
		conf = base.Clone()
	} else {
		conf = &tls.Config{}
	}
	if conf.ServerName == "" {
		conf.ServerName = host
	}
	if conf.ClientSessionCache == nil {
		// One cache per session: the data connections must resume this
		// control connection's session, not another one's.
		conf.ClientSessionCache = tls.NewLRUClientSessionCache(4)
	}
	if conf.MinVersion == 0 {
		conf.MinVersion = tls.VersionTLS12
	}
	st := &tlsState{conf: conf}
	return st
}

// handshakeConf returns the configuration used on the wire: it skips the
// library's verification, which verifyControl and verifyData replace.
func (st *tlsState) handshakeConf() *tls.Config {
	c := st.conf.Clone()
	c.ClientSessionCache = st.conf.ClientSessionCache
	c.InsecureSkipVerify = true
	return c
}

// verifyChain checks the peer chain against the configured roots and name.
func (st *tlsState) verifyChain(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("no certificate")
	}
	opts := x509.VerifyOptions{
		Roots:         st.conf.RootCAs,
		DNSName:       st.conf.ServerName,
		Intermediates: x509.NewCertPool(),
	}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(opts)
	return err
}

// handshakeControl upgrades the control connection and decides whether
// its certificate is trusted, asking the user through trust when the
// roots cannot verify it.
func (st *tlsState) handshakeControl(ctx context.Context, nc net.Conn, timeout time.Duration,
	trust func(context.Context, CertInfo) (bool, error), remark func(Direction, MsgID, ...string)) (*tls.Conn, error) {
	tc := tls.Client(nc, st.handshakeConf())
	hctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		hctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	if err := tc.HandshakeContext(hctx); err != nil {
		return nil, fmt.Errorf("tls handshake: %w", err)
	}
	cs := tc.ConnectionState()
	// VersionName already says "TLS 1.3".
	remark(DirInfo, MsgTLSSession, "Version", tls.VersionName(cs.Version), "Cipher", tls.CipherSuiteName(cs.CipherSuite))
	verr := st.verifyChain(cs)
	if verr == nil {
		st.leaf = cs.PeerCertificates[0].Raw
		return tc, nil
	}
	info := certInfo(st.conf.ServerName, cs, verr)
	remark(DirInfo, MsgCertNotVerified, "Err", verr.Error(), "Fingerprint", info.SHA256)
	if trust == nil {
		tc.Close()
		return nil, fmt.Errorf("%w: %v", ErrCertificateRejected, verr)
	}
	// The user may take their time: no deadline while they decide.
	_ = nc.SetDeadline(time.Time{})
	ok, err := trust(ctx, info)
	if err != nil || !ok {
		tc.Close()
		if err == nil {
			err = verr
		}
		return nil, fmt.Errorf("%w: %v", ErrCertificateRejected, err)
	}
	st.leaf = cs.PeerCertificates[0].Raw
	return tc, nil
}

// handshakeData protects a data connection. The server must present the
// same certificate as on the control connection, or one the roots verify.
// Records are full-sized from the first byte: the small first records
// that speed up a web page's first paint only cost a file's data more
// records, and a small file all of its data.
func (st *tlsState) handshakeData(ctx context.Context, nc net.Conn) (*tls.Conn, error) {
	conf := st.handshakeConf()
	conf.DynamicRecordSizingDisabled = true
	tc := tls.Client(nc, conf)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, fmt.Errorf("data connection tls handshake: %w", err)
	}
	cs := tc.ConnectionState()
	if len(cs.PeerCertificates) > 0 && bytes.Equal(cs.PeerCertificates[0].Raw, st.leaf) {
		return tc, nil
	}
	if cs.DidResume && len(cs.PeerCertificates) == 0 {
		return tc, nil
	}
	if err := st.verifyChain(cs); err != nil {
		tc.Close()
		return nil, fmt.Errorf("%w: data connection: %v", ErrCertificateRejected, err)
	}
	return tc, nil
}

func certInfo(host string, cs tls.ConnectionState, verr error) CertInfo {
	leaf := cs.PeerCertificates[0]
	info := CertInfo{
		Host:        host,
		SHA256:      Fingerprint(leaf.Raw),
		Subject:     leaf.Subject.String(),
		Issuer:      leaf.Issuer.String(),
		NotBefore:   leaf.NotBefore,
		NotAfter:    leaf.NotAfter,
		DNSNames:    leaf.DNSNames,
		TLSVersion:  tls.VersionName(cs.Version),
		Cipher:      tls.CipherSuiteName(cs.CipherSuite),
		VerifyError: verr.Error(),
		DER:         leaf.Raw,
	}
	for _, ip := range leaf.IPAddresses {
		info.IPs = append(info.IPs, ip.String())
	}
	return info
}
