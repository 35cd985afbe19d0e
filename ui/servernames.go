package ui

import (
	"net"
	"path"
	"path/filepath"

	"ferry/ftpcore/queue"
)

// Log lines, queue rows, questions and errors name a server the way the
// user knows it: a saved site by its name, a quick connection by its
// host, with the port when it is not FTP's usual one — the only thing
// that tells apart two servers on one host (127.0.0.1:2121 and
// 127.0.0.1:2124 both read "127.0.0.1" otherwise).

// serverLabel names the server of a site key (a saved site's ID or a
// quick connection's key). Safe for concurrent use: the queue's
// goroutines name their sessions with it.
func (mw *mainWindow) serverLabel(key string) string {
	if !isQuickKey(key) {
		if site, err := mw.lookupSite(key); err == nil && site.Name != "" {
			return site.Name
		}
		return key
	}
	return addrLabel(siteHost(key))
}

// addrLabel is "host", or "host:port" for a port other than 21 and 990.
func addrLabel(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "21" || port == "990" {
		return hostOf(addr)
	}
	return addr
}

// endpointLabel writes a job's end: a local path, or "server:path".
func (mw *mainWindow) endpointLabel(e queue.Endpoint) string {
	if e.Local() {
		return filepath.Clean(e.Path)
	}
	return mw.serverLabel(e.Site) + ":" + path.Clean(e.Path)
}

// jobLabel writes "source → destination"; the row's icon tells the
// direction.
func (mw *mainWindow) jobLabel(j queue.Job) string {
	return mw.endpointLabel(j.Src) + "  →  " + mw.endpointLabel(j.Dst)
}
