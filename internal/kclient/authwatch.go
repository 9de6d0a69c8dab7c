package kclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl"
)

// maxDrops is how many SASL exchanges in a row a broker may cut off before
// the client takes it as a refusal. One cut may be a network fault worth a
// retry; a second in a row, on a fresh connection, is a broker saying no.
const maxDrops = 2

// ErrAuthFailed is what a client reports when a broker keeps closing the
// connection in the middle of the SASL exchange. Kafka 1.0 and later
// answer a wrong user or password with SASL_AUTHENTICATION_FAILED, which
// franz-go reports itself (kerr.SaslAuthenticationFailed); older brokers
// and kfake, the embedded broker, hang up instead, which franz-go would
// otherwise retry until the caller's deadline.
var ErrAuthFailed = errors.New("authentication failed")

// authWatch wraps a SASL mechanism and watches the exchanges it starts;
// it is also the client hook that sees how each one ended.
type authWatch struct {
	sasl.Mechanism
	user string

	mu    sync.Mutex
	drops map[string]int // by broker host:port
}

var _ kgo.HookBrokerE2E = (*authWatch)(nil)

func newAuthWatch(m sasl.Mechanism, user string) *authWatch {
	return &authWatch{Mechanism: m, user: user, drops: map[string]int{}}
}

// Authenticate starts an exchange with addr, unless the broker has cut off
// the last maxDrops of them: then it fails for good with ErrAuthFailed,
// which franz-go does not retry, and starts counting afresh.
func (w *authWatch) Authenticate(ctx context.Context, addr string) (sasl.Session, []byte, error) {
	w.mu.Lock()
	drops := w.drops[addr]
	if drops >= maxDrops {
		delete(w.drops, addr)
	}
	w.mu.Unlock()
	if drops >= maxDrops {
		return nil, nil, fmt.Errorf("kafka sasl %s as user %q at %s: %w: the broker closed the connection during the exchange %d times in a row, as it does for a wrong user or password",
			w.Name(), w.user, addr, ErrAuthFailed, drops)
	}
	s, first, err := w.Mechanism.Authenticate(ctx, addr)
	if err != nil {
		return nil, nil, err
	}
	return &watchedSession{Session: s, w: w, addr: addr}, first, nil
}

// OnBrokerE2E counts a SASLAuthenticate the broker cut off.
func (w *authWatch) OnBrokerE2E(meta kgo.BrokerMetadata, key int16, e2e kgo.BrokerE2E) {
	if key != int16(kmsg.SASLAuthenticate) {
		return
	}
	if err := e2e.Err(); errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) {
		addr := net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
		w.mu.Lock()
		w.drops[addr]++
		w.mu.Unlock()
	}
}

// watchedSession forgets a broker's cut-off exchanges once one completes.
type watchedSession struct {
	sasl.Session
	w    *authWatch
	addr string
}

func (s *watchedSession) Challenge(resp []byte) (bool, []byte, error) {
	done, next, err := s.Session.Challenge(resp)
	if done && err == nil {
		s.w.mu.Lock()
		delete(s.w.drops, s.addr)
		s.w.mu.Unlock()
	}
	return done, next, err
}
