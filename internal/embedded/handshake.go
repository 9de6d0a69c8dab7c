package embedded

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// advertiseHandshakeV0 makes ApiVersions list SaslHandshake from version 0.
//
// kfake serves SaslHandshake v1 only and advertises it as 1..1. librdkafka
// (kcat, confluent-kafka-*) decides whether a broker supports SASL at all by
// finding SaslHandshake v0 in that list, so against 1..1 it gives up with
// "SASL Handshake not supported by broker" before sending anything. Given
// 0..1 it sends v1, which kfake serves. A v0 handshake (Kafka before 1.0
// framing) is still refused.
//
// The list comes from kfake itself, read once over cl; a control function
// answers the ApiVersions requests it can answer from it, and hands any
// other (a version above kfake's, a v5 request naming a cluster, client
// software names a broker refuses) to kfake. kfake remembers the last
// request of each connection a kept control saw, a few hundred bytes per
// connection for the broker's life.
func advertiseHandshakeV0(ctx context.Context, c *kfake.Cluster, cl *kgo.Client) error {
	tmpl, err := kmsg.NewPtrApiVersionsRequest().RequestWith(ctx, cl)
	if err == nil && tmpl.ErrorCode != 0 {
		err = fmt.Errorf("error code %d", tmpl.ErrorCode)
	}
	if err != nil {
		return fmt.Errorf("read the broker's api versions: %w", err)
	}
	keys := slices.Clone(tmpl.ApiKeys)
	for i := range keys {
		if keys[i].ApiKey == int16(kmsg.SASLHandshake) {
			keys[i].MinVersion = 0
		}
	}
	c.ControlKey(int16(kmsg.ApiVersions), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req, ok := r.(*kmsg.ApiVersionsRequest)
		if !ok || !answerable(req, tmpl.Version) {
			return nil, nil, false
		}
		resp := req.ResponseKind().(*kmsg.ApiVersionsResponse)
		version := resp.Version
		*resp = *tmpl
		resp.Version, resp.ApiKeys = version, slices.Clone(keys)
		return resp, nil, true
	})
	return nil
}

// softwareName is what a broker accepts as a client software name or
// version (KIP-511).
var softwareName = regexp.MustCompile(`^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$`)

// answerable says whether req is an ApiVersions request the template,
// read at version max, answers as kfake would.
func answerable(req *kmsg.ApiVersionsRequest, max int16) bool {
	switch {
	case req.Version > max:
		return false
	case req.Version >= 3 && !(softwareName.MatchString(req.ClientSoftwareName) && softwareName.MatchString(req.ClientSoftwareVersion)):
		return false
	case req.Version >= 5 && (req.ClusterID != nil || req.NodeID != -1):
		return false
	}
	return true
}
