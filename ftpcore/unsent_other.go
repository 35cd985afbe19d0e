//go:build !linux

package ftpcore

import "net"

// unsent cannot tell on this system how much of what was written to c
// the peer still has to take.
func unsent(net.Conn) (int, bool) { return 0, false }
