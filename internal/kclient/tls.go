package kclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// tlsOn says whether c asks for TLS at all.
func (c Config) tlsOn() bool {
	return c.TLS || c.TLSCA != "" || c.TLSCert != "" || c.TLSKey != "" || c.TLSServerName != "" || c.TLSInsecureSkipVerify
}

// tlsConfig reads c's TLS files into a client TLS config; nil when TLS is
// off. TLS 1.2 is the floor: Kafka has supported it since 0.9 and older
// versions have known breaks.
func (c Config) tlsConfig() (*tls.Config, error) {
	if !c.tlsOn() {
		return nil, nil
	}
	tc := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		ServerName:         c.TLSServerName,
		InsecureSkipVerify: c.TLSInsecureSkipVerify, // opt-in; see the field's warning
	}
	if c.TLSCA != "" {
		pool, err := readCA(c.TLSCA)
		if err != nil {
			return nil, err
		}
		tc.RootCAs = pool
	}
	if c.TLSCert != "" || c.TLSKey != "" {
		cert, err := readKeyPair(c.TLSCert, c.TLSKey)
		if err != nil {
			return nil, err
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
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

// readKeyPair reads the client certificate and key of mTLS. The error
// names the files, never their content: the key is a secret.
func readKeyPair(certFile, keyFile string) (tls.Certificate, error) {
	if certFile == "" || keyFile == "" {
		return tls.Certificate{}, errors.New("tls client certificate needs both --tls-cert and --tls-key")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("tls client certificate %s with key %s: %w", certFile, keyFile, err)
	}
	return cert, nil
}
