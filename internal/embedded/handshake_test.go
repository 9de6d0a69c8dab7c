package embedded

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// rawConn speaks the Kafka protocol over one connection, as librdkafka
// does, with no client library in between.
type rawConn struct {
	t    *testing.T
	conn net.Conn
	fmt  *kmsg.RequestFormatter
	corr int32
}

func dialRaw(t *testing.T, addr string) *rawConn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	return &rawConn{t: t, conn: conn, fmt: kmsg.NewRequestFormatter(kmsg.FormatterClientID("rdkafka"))}
}

// do sends req and reads its response into resp, which must be of the
// request's version.
func (c *rawConn) do(req kmsg.Request, resp kmsg.Response) {
	c.t.Helper()
	c.corr++
	if _, err := c.conn.Write(c.fmt.AppendRequest(nil, req, c.corr)); err != nil {
		c.t.Fatal(err)
	}
	var size [4]byte
	if _, err := io.ReadFull(c.conn, size[:]); err != nil {
		c.t.Fatalf("read %s response: %v", kmsg.NameForKey(req.Key()), err)
	}
	body := make([]byte, binary.BigEndian.Uint32(size[:]))
	if _, err := io.ReadFull(c.conn, body); err != nil {
		c.t.Fatal(err)
	}
	body = body[4:] // correlation id
	if resp.IsFlexible() && req.Key() != int16(kmsg.ApiVersions) {
		body = body[1:] // empty tagged fields of the response header
	}
	if err := resp.ReadFrom(body); err != nil {
		c.t.Fatalf("decode %s response: %v", kmsg.NameForKey(req.Key()), err)
	}
}

// Regression: kcat (librdkafka) refused `leadgen broker --scram-user` with
// "SASL Handshake not supported by broker": it looks for SaslHandshake v0
// in ApiVersions, and kfake listed only v1.
func TestASCRAMBrokerOffersTheHandshakeLibrdkafkaLooksFor(t *testing.T) {
	b, err := Start(context.Background(), Config{SCRAMUsers: map[string]kclient.Secret{"alice": "alice-pw"}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c := dialRaw(t, b.Addrs()[0])

	versions := kmsg.NewPtrApiVersionsRequest()
	versions.Version = 3 // what librdkafka sends
	versions.ClientSoftwareName, versions.ClientSoftwareVersion = "librdkafka", "2.3.0"
	vresp := versions.ResponseKind().(*kmsg.ApiVersionsResponse)
	c.do(versions, vresp)
	if vresp.ErrorCode != 0 {
		t.Fatalf("ApiVersions error code %d", vresp.ErrorCode)
	}
	var handshake *kmsg.ApiVersionsResponseApiKey
	for i, k := range vresp.ApiKeys {
		if k.ApiKey == int16(kmsg.SASLHandshake) {
			handshake = &vresp.ApiKeys[i]
		}
	}
	if handshake == nil || handshake.MinVersion != 0 || handshake.MaxVersion < 1 {
		t.Fatalf("SaslHandshake advertised as %+v, want versions 0..1", handshake)
	}

	hs := kmsg.NewPtrSASLHandshakeRequest()
	hs.Version = 1 // the highest both sides list: what librdkafka then sends
	hs.Mechanism = kclient.SCRAMSHA512
	hresp := hs.ResponseKind().(*kmsg.SASLHandshakeResponse)
	c.do(hs, hresp)
	if hresp.ErrorCode != 0 {
		t.Fatalf("SaslHandshake v1 for %s: error code %d, mechanisms %v", hs.Mechanism, hresp.ErrorCode, hresp.SupportedMechanisms)
	}
}
