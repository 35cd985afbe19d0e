//go:build !unix

package ftptest

// shapeLink leaves the socket as it is where the options are not at hand.
func shapeLink(uintptr, int) error { return nil }
