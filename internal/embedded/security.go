package embedded

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// security is the broker's TLS certificate and SASL users, loaded once.
type security struct {
	cert  *tls.Certificate // nil: plaintext
	users map[string]kclient.Secret
}

// loadSecurity reads the certificate files and checks the users.
func loadSecurity(cfg Config) (security, error) {
	sec := security{users: cfg.SCRAMUsers}
	for name, pass := range cfg.SCRAMUsers {
		if name == "" || pass == "" {
			return security{}, fmt.Errorf("scram user %q: name and password must not be empty", name)
		}
	}
	switch {
	case cfg.TLSCert == "" && cfg.TLSKey == "":
		return sec, nil
	case cfg.TLSCert == "" || cfg.TLSKey == "":
		return security{}, errors.New("broker tls needs both --server-tls-cert and --server-tls-key")
	}
	cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
	if err != nil {
		return security{}, fmt.Errorf("broker tls certificate %s with key %s: %w", cfg.TLSCert, cfg.TLSKey, err)
	}
	sec.cert = &cert
	return sec, nil
}

// opts are the kfake options of s. Each user gets both SCRAM mechanisms,
// so clients pick either.
func (s security) opts() []kfake.Opt {
	var opts []kfake.Opt
	if s.cert != nil {
		opts = append(opts, kfake.TLS(&tls.Config{Certificates: []tls.Certificate{*s.cert}, MinVersion: tls.VersionTLS12}))
	}
	if len(s.users) > 0 {
		opts = append(opts, kfake.EnableSASL())
	}
	for name, pass := range s.users {
		opts = append(opts,
			kfake.Superuser(kclient.SCRAMSHA512, name, string(pass)),
			kfake.Superuser(kclient.SCRAMSHA256, name, string(pass)))
	}
	return opts
}

// selfClient completes kc, the broker's own admin client, to pass its own
// security: it logs in as the first user by name and trusts exactly the
// broker's own certificate, whatever host names that certificate carries.
func (s security) selfClient(kc kclient.Config) (kclient.Config, []kgo.Opt) {
	if len(s.users) > 0 {
		name := slices.Min(slices.Collect(maps.Keys(s.users)))
		kc.SASLMechanism, kc.SASLUser, kc.SASLPassword = kclient.SCRAMSHA512, name, s.users[name]
	}
	if s.cert == nil {
		return kc, nil
	}
	own := s.cert.Certificate[0]
	pinned := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // replaced by the pin below: the client talks to this process only
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 || !bytes.Equal(cs.PeerCertificates[0].Raw, own) {
				return errors.New("embedded broker presented a certificate other than its own")
			}
			return nil
		},
	}
	return kc, []kgo.Opt{kgo.DialTLSConfig(pinned)}
}
