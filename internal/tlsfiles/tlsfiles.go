// Package tlsfiles reads the PEM files of a TLS client: the CA to trust
// and the certificate and key of mutual TLS. Errors name the files, never
// their content: the key is a secret.
package tlsfiles

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// Files are the paths of a client's TLS material; empty ones are not used.
type Files struct {
	CA, Cert, Key string
}

// Apply loads f into tc: RootCAs from CA, Certificates from Cert and Key.
func (f Files) Apply(tc *tls.Config) error {
	if f.CA != "" {
		pool, err := readCA(f.CA)
		if err != nil {
			return err
		}
		tc.RootCAs = pool
	}
	if f.Cert != "" || f.Key != "" {
		cert, err := readKeyPair(f.Cert, f.Key)
		if err != nil {
			return err
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return nil
}

// readCA reads a PEM file of CA certificates into a pool.
func readCA(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tls ca: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("tls ca %s: no PEM certificate in the file", path)
	}
	return pool, nil
}

// errHalfPair is a client certificate without its key, or the reverse.
var errHalfPair = errors.New("tls client certificate needs both a certificate file and a key file")

// readKeyPair reads the client certificate and key of mutual TLS.
func readKeyPair(certFile, keyFile string) (tls.Certificate, error) {
	if certFile == "" || keyFile == "" {
		return tls.Certificate{}, errHalfPair
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("tls client certificate %s with key %s: %w", certFile, keyFile, err)
	}
	return cert, nil
}
