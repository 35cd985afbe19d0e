// Package interoptest reads the real FTP servers that the interop tests
// run against: vsftpd, ProFTPD and Pure-FTPd, which
// .ci/servers/with-servers.sh (make test) starts and describes in
// servers.json, and the servers in network namespaces of their own that
// .ci/servers/netns-start.sh describes in netns-servers.json. A test that
// asks for them fails when they are not there rather than pass silently.
//
// It imports nothing of Ferry's, so that ftpcore's own tests, the other
// packages under ftpcore and the window's tests can all use it. Its
// functions may be called from any goroutine.
package interoptest

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"testing"
)

// The environment variables with-servers.sh sets: the paths of
// servers.json and of netns-servers.json.
const (
	ServersEnv = "FERRY_INTEROP_SERVERS"
	NetnsEnv   = "FERRY_INTEROP_NETNS"
)

// ErrNoServers is returned by Load for a file that lists no server.
var ErrNoServers = errors.New("lists no server")

// Server is one entry of servers.json: where the server listens, the test
// account, its home folder on this machine's disk, and what the server
// does (see .ci/servers/README.md).
type Server struct {
	Name             string `json:"name"`
	Host             string `json:"host"`
	Port             int    `json:"port"`
	User             string `json:"user"`
	Password         string `json:"password"`
	Home             string `json:"home"`
	Anonymous        bool   `json:"anonymous"`
	TLS              bool   `json:"tls"`
	TLSReuseRequired bool   `json:"tls_reuse_required"`
	FXP              bool   `json:"fxp"`
	MLSD             bool   `json:"mlsd"`
	CA               string `json:"ca"` // the PEM file of the certificate authority
}

// NetnsServer is one entry of netns-servers.json: a Server in the network
// namespace Netns, Strict when it refuses foreign data addresses.
type NetnsServer struct {
	Server
	Netns  string `json:"netns"`
	Strict bool   `json:"strict"`
}

// Addr returns the server's control address, host:port.
func (s Server) Addr() string {
	return net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
}

// TLSConfig returns a client TLS configuration that trusts the server's
// certificate authority. It fails the test when the CA file is unreadable.
func (s Server) TLSConfig(t testing.TB) *tls.Config {
	t.Helper()
	pem, err := os.ReadFile(s.CA)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("no certificate in %s", s.CA)
	}
	return &tls.Config{RootCAs: pool}
}

// Load reads a servers.json or netns-servers.json file at path into a
// list of T (Server or NetnsServer). A file that lists no server is an
// error (ErrNoServers).
func Load[T any](path string) ([]T, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var list []T
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrNoServers)
	}
	return list, nil
}

// Servers returns the entries of servers.json, in its order. It fails
// the test when the file is not named, unreadable or empty.
func Servers(t testing.TB) []Server {
	t.Helper()
	return fromEnv[Server](t, ServersEnv, "run the interop tests with `make test`")
}

// NetnsServers returns the entries of netns-servers.json, in its order.
// It fails the test when the file is not named, unreadable or empty.
func NetnsServers(t testing.TB) []NetnsServer {
	t.Helper()
	return fromEnv[NetnsServer](t, NetnsEnv, "start .ci/servers/netns-start.sh and point it at netns-servers.json")
}

// entry is an entry of either file.
type entry interface{ entryName() string }

func (s Server) entryName() string { return s.Name }

// ByName returns the entry called name in list, and fails the test when
// there is none.
func ByName[T entry](t testing.TB, list []T, name string) T {
	t.Helper()
	for _, s := range list {
		if s.entryName() == name {
			return s
		}
	}
	t.Fatalf("no server %q", name)
	var none T
	return none
}

func fromEnv[T any](t testing.TB, env, hint string) []T {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		t.Fatalf("%s is not set: %s", env, hint)
	}
	list, err := Load[T](p)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
