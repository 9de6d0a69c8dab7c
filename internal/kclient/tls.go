package kclient

import (
	"crypto/tls"

	"github.com/leadgen/leadgen/internal/tlsfiles"
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
	files := tlsfiles.Files{CA: c.TLSCA, Cert: c.TLSCert, Key: c.TLSKey}
	if err := files.Apply(tc); err != nil {
		return nil, err
	}
	return tc, nil
}
