package main

import (
	"github.com/leadgen/leadgen/internal/redisconn"
	"github.com/leadgen/leadgen/internal/tlsfiles"
	"github.com/redis/go-redis/v9"
	"github.com/spf13/cobra"
)

// redisFlags are the flags that reach Redis; its password comes only from
// REDIS_PASSWORD or REDIS_PASSWORD_FILE (or the URL).
type redisFlags struct {
	url string
	tls tlsfiles.Files
}

func (r *redisFlags) add(cmd *cobra.Command, usage string) {
	f := cmd.Flags()
	f.StringVar(&r.url, "redis", "", usage+" (REDIS_URL; rediss:// for TLS; password from "+redisconn.PasswordEnv+" or "+redisconn.PasswordEnv+"_FILE)")
	f.StringVar(&r.tls.CA, "redis-tls-ca", "", "PEM file of the CA that signed Redis's certificate (turns TLS on)")
	f.StringVar(&r.tls.Cert, "redis-tls-cert", "", "PEM client certificate for Redis mutual TLS (with --redis-tls-key)")
	f.StringVar(&r.tls.Key, "redis-tls-key", "", "PEM key of --redis-tls-cert")
}

// client is the Redis client the flags describe, or nil without --redis.
func (r *redisFlags) client() (*redis.Client, error) {
	if r.url == "" {
		if r.tls != (tlsfiles.Files{}) {
			return nil, usagef("--redis-tls-* need --redis (REDIS_URL)")
		}
		return nil, nil
	}
	cl, err := redisconn.Connect(redisconn.Config{URL: r.url, TLS: r.tls})
	if err != nil {
		return nil, usagef("--redis: %v", err)
	}
	return cl, nil
}
