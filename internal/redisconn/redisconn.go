// Package redisconn builds leadgen's Redis client from its settings: the
// URL (--redis, REDIS_URL; rediss:// for TLS), the password from
// REDIS_PASSWORD or REDIS_PASSWORD_FILE, so it need not sit in a URL on a
// command line, and TLS files for a private CA and mutual TLS.
package redisconn

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"

	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/internal/tlsfiles"
	"github.com/redis/go-redis/v9"
)

// PasswordEnv names the Redis password's environment variable; with the
// suffix _FILE it names a file holding it.
const PasswordEnv = "REDIS_PASSWORD"

// Config is where and how to reach Redis.
type Config struct {
	// URL is redis://[user[:password]@]host:port/db, or rediss:// for TLS.
	URL string
	// TLS holds the PEM files of a private CA and of a client certificate;
	// any of them turns TLS on, as rediss:// does.
	TLS tlsfiles.Files
}

// Options checks c and reads its password and files. The error never holds
// the URL's password.
func (c Config) Options() (*redis.Options, error) {
	opt, err := redis.ParseURL(c.URL)
	if err != nil {
		return nil, errors.New(scrub(err.Error(), c.URL))
	}
	pass, set, err := secret.Lookup(PasswordEnv)
	if err != nil {
		return nil, err
	}
	if set {
		if opt.Password != "" {
			return nil, fmt.Errorf("the Redis password is set twice, in the URL and in %s: keep one", PasswordEnv)
		}
		opt.Password = pass
	}
	if c.TLS != (tlsfiles.Files{}) {
		if opt.TLSConfig == nil { // redis:// with TLS files: TLS as rediss:// sets it up
			host, _, _ := net.SplitHostPort(opt.Addr)
			opt.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, ServerName: host}
		}
		if err := c.TLS.Apply(opt.TLSConfig); err != nil {
			return nil, fmt.Errorf("redis %w", err)
		}
	}
	return opt, nil
}

// Connect is a client for c; it does not dial until first used.
func Connect(c Config) (*redis.Client, error) {
	opt, err := c.Options()
	if err != nil {
		return nil, err
	}
	return redis.NewClient(opt), nil
}
