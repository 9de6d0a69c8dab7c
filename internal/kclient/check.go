package kclient

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Check connects to the cluster as c describes and asks for its metadata,
// returning why it could not: an unreachable broker, a certificate the CA
// does not vouch for, TLS or SASL missing on one side, a refused login. It
// is the start-up check for a one-shot command, which would otherwise
// retry until its deadline and report only that. A refused login is
// ErrAuthFailed, whether the broker said so or hung up.
func (c Config) Check(ctx context.Context) error {
	cl, err := New(c)
	if err != nil {
		return err
	}
	defer cl.Close()
	for range maxDrops + 1 {
		if err = cl.Ping(ctx); err == nil || !cutOff(err) {
			break
		}
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, kerr.SaslAuthenticationFailed) && !errors.Is(err, ErrAuthFailed):
		return fmt.Errorf("connect to %v: %w: %w", c.Brokers, ErrAuthFailed, err)
	}
	return fmt.Errorf("connect to %v: %w", c.Brokers, err)
}

// cutOff says err is a connection the broker closed after the first
// exchange, which Ping reports as a bare EOF. Another try tells a network
// fault from a refused login: see authWatch.
func cutOff(err error) bool {
	var first *kgo.ErrFirstReadEOF
	return !errors.As(err, &first) && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF))
}
