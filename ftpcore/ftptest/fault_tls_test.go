package ftptest_test

import (
	"testing"

	"ferry/ftpcore/ftptest"
)

// RefuseTLS answers AUTH TLS with a 500, though the server has TLS.
func TestRefuseTLS(t *testing.T) {
	conf, _ := ftptest.NewTLSConfig(t)
	srv := ftptest.NewServer(t, ftptest.WithUser("u", "p"), ftptest.WithTLS(conf), ftptest.WithFault(ftptest.RefuseTLS()))
	c := dial(t, srv.Addr())
	c.expect("AUTH TLS", 500)
	srv.SetFault(ftptest.Fault{})
	c.expect("AUTH TLS", 234)
}
