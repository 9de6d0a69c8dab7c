package pipeline

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/logtest"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	kafka "github.com/segmentio/kafka-go"
)

// sentinel is a credential no code would ever write by accident; odd
// names the characters that change under URL escaping, so a leak through
// an escaped URL is caught too.
func sentinel(t *testing.T, prefix, odd string) string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b) + odd
}

// forms are the ways a credential could leak: as is, escaped in a query
// or a path, and base64-encoded as in an Authorization header.
func forms(secret string) []string {
	return []string{secret, url.QueryEscape(secret), url.PathEscape(secret),
		base64.StdEncoding.EncodeToString([]byte(secret + ":")), base64.StdEncoding.EncodeToString([]byte(secret))}
}

// phase is one stretch of the run: the sandbox faults, the requests sent
// under them, and where their outcome is awaited.
type phase struct {
	name   string
	faults map[string]sandbox.Faults
	reqs   []*schemas.CompanyRequest
	toDLQ  bool // awaited on the dead-letter topic, not as leads
}

func TestSentinelCredentialsAppearInNoLogRecordHeaderOrMetric(t *testing.T) {
	chKey := sentinel(t, "sentinel-ch-", "")
	ocToken := sentinel(t, "sentinel-oc-", "+/=&%")
	t.Setenv("LEADGEN_COMPANIES_HOUSE_API_KEY", chKey)
	t.Setenv("LEADGEN_OPENCORPORATES_API_TOKEN", ocToken)
	e := newEnv(t, sandbox.Config{})
	logs := &logtest.Buffer{}
	cfg := e.sentinelConfig(logs, []string{ch}, ch, RoleAggregator)
	stop := e.start(cfg)

	for _, p := range secretPhases() {
		e.runPhase(p)
	}
	stop()
	if e.sandbox.Calls("/companies-house") == 0 || e.sandbox.Calls("/opencorporates") == 0 {
		t.Fatal("a credential was never sent; the scan below would prove nothing")
	}

	lines, seen := e.scanForLeaks(logs, []*metrics.Metrics{cfg.Metrics}, chKey, ocToken)
	if len(lines) < 10 || seen[names.DLQ()] == 0 || seen[names.Fallback(ch)] == 0 || seen[names.Retry(ch, testTiers[0])] == 0 {
		t.Fatalf("the run took too few failure paths for the scan to mean much: %d log lines, records %v", len(lines), seen)
	}
}

// TestSentinelFacebookSecretsAppearInNoLogRecordHeaderOrMetric plants
// the Graph token and app secret and scans for them and for the
// appsecret_proof made of them: the proof travels in the query beside the
// token, so an error quoting the URL would leak both. A second process
// signs with the wrong secret, so the refused proof takes its path too.
func TestSentinelFacebookSecretsAppearInNoLogRecordHeaderOrMetric(t *testing.T) {
	token := sentinel(t, "sentinel-fb-token-", "|+/=&%")
	appSecret := sentinel(t, "sentinel-fb-app-secret-", "+/=&%")
	wrongSecret := sentinel(t, "sentinel-fb-wrong-secret-", "")
	t.Setenv("LEADGEN_FACEBOOK_ACCESS_TOKEN", token)
	t.Setenv(FacebookAppSecretEnv, appSecret)
	e := newEnv(t, sandbox.Config{FacebookAppSecret: appSecret})
	logs := &logtest.Buffer{}
	signed := e.sentinelConfig(logs, []string{"facebook"}, "facebook", RoleAggregator)
	stop := e.start(signed)
	for _, p := range facebookSecretPhases() {
		e.runPhase(p)
	}
	stop()
	served := e.sandbox.Calls("/facebook")

	t.Setenv(FacebookAppSecretEnv, wrongSecret)
	missigned := e.sentinelConfig(logs, []string{"facebook"}, "facebook", RoleAggregator)
	stop = e.start(missigned)
	refused, _ := requestsFor(2, 1130)
	e.runPhase(phase{"Graph refuses a proof made with the wrong secret", map[string]sandbox.Faults{sandbox.ProviderFacebook: {}}, refused, true})
	stop()
	if served == 0 || e.sandbox.Calls("/facebook") == served {
		t.Fatal("a signed call was never sent; the scan below would prove nothing")
	}

	lines, seen := e.scanForLeaks(logs, []*metrics.Metrics{signed.Metrics, missigned.Metrics},
		token, appSecret, wrongSecret, appSecretProof(appSecret, token), appSecretProof(wrongSecret, token))
	if len(lines) < 10 || seen[names.DLQ()] < 4 || seen[names.Retry("facebook", testTiers[0])] == 0 {
		t.Fatalf("the run took too few failure paths for the scan to mean much: %d log lines, records %v", len(lines), seen)
	}
}

// TestSentinelLinkedInSecretsAppearInNoLogRecordHeaderOrMetric plants
// the member token, the refresh token, the client id and the client
// secret. The token lapses within the day, so the first lookup renews it;
// a phase where LinkedIn refuses every token renews once more after the
// 401 and dead-letters, so the refresh's form body, which holds the
// secrets, takes its error paths too.
func TestSentinelLinkedInSecretsAppearInNoLogRecordHeaderOrMetric(t *testing.T) {
	token := sentinel(t, "sentinel-li-token-", "+/=&%")
	refresh := sentinel(t, "sentinel-li-refresh-", "+/=&%")
	clientID := sentinel(t, "sentinel-li-client-", "")
	clientSecret := sentinel(t, "sentinel-li-secret-", "+/=&%")
	t.Setenv("LEADGEN_LINKEDIN_ACCESS_TOKEN", token)
	t.Setenv("LEADGEN_LINKEDIN_REFRESH_TOKEN", refresh)
	t.Setenv("LEADGEN_LINKEDIN_CLIENT_ID", clientID)
	t.Setenv("LEADGEN_LINKEDIN_CLIENT_SECRET", clientSecret)
	t.Setenv("LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT", time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	e := newEnv(t, sandbox.Config{})
	logs := &logtest.Buffer{}
	cfg := e.sentinelConfig(logs, []string{"linkedin"}, "linkedin", RoleAggregator)
	stop := e.start(cfg)
	flaky, _ := requestsFor(4, 1150)
	refused, _ := requestsFor(2, 1170)
	e.runPhase(phase{"half the LinkedIn calls fail", map[string]sandbox.Faults{sandbox.ProviderLinkedIn: {Status5xx: 0.5}}, flaky, false})
	e.runPhase(phase{"LinkedIn refuses every token", map[string]sandbox.Faults{sandbox.ProviderLinkedIn: {Unauthorized: 1}}, refused, true})
	stop()
	if e.sandbox.Calls(sandbox.LinkedInTokenPath) < 2 {
		t.Fatalf("the token was renewed %d times, want at start and after the 401; the scan below would prove little", e.sandbox.Calls(sandbox.LinkedInTokenPath))
	}
	lines, seen := e.scanForLeaks(logs, []*metrics.Metrics{cfg.Metrics}, token, refresh, clientID, clientSecret)
	if len(lines) < 10 || seen[names.DLQ()] == 0 {
		t.Fatalf("the run took too few failure paths for the scan to mean much: %d log lines, records %v", len(lines), seen)
	}
}

// sentinelConfig runs roles with enabled providers, logging everything to
// logs and counting in metrics of its own; failures walk the tiers and
// the fallback rather than open the breaker, held calls end soon, and a
// long throttle is routed rather than waited out.
func (e *env) sentinelConfig(logs *logtest.Buffer, enabled []string, roles ...string) Config {
	e.t.Helper()
	cfg := e.config(roles...)
	cfg.Enabled = enabled
	cfg.Breaker.MinRequests = 1000
	cfg.Timeout = time.Second
	cfg.MaxQuotaWait = time.Second
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.Metrics = metrics.New()
	return cfg
}

// scanForLeaks looks for every form of every secret in the log lines, in
// every record of every topic and in every metric, fails the test for
// each place one shows, and returns the lines and the records by topic.
func (e *env) scanForLeaks(logs *logtest.Buffer, ms []*metrics.Metrics, secrets ...string) ([]string, map[string]int) {
	e.t.Helper()
	leaks := map[string][]string{}
	look := func(where, text string) {
		for _, secret := range secrets {
			for _, form := range forms(secret) {
				if strings.Contains(text, form) {
					leaks[where] = append(leaks[where], text)
				}
			}
		}
	}
	lines := logs.Lines()
	for i, line := range lines {
		look(fmt.Sprintf("log line %d", i+1), line)
	}
	seen := e.scanTopics(look)
	for _, m := range ms {
		scanMetrics(e.t, m, look)
	}
	for where, texts := range leaks {
		e.t.Errorf("a credential leaked in %s: %.300q", where, texts[0])
	}
	e.t.Logf("scanned %d log lines, records by topic %v, every metric label", len(lines), seen)
	return lines, seen
}

// appSecretProof is Graph's appsecret_proof, made here apart from the
// client's own code: hex HMAC-SHA256 of the token keyed with the secret.
func appSecretProof(appSecret, token string) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write([]byte(token))
	return hex.EncodeToString(mac.Sum(nil))
}

// secretPhases make the requests take every path that formats an error:
// retries, the fallback to OpenCorporates, the fallback finding nothing,
// the stale cache, a refused credential, a throttle, a malformed body and
// calls abandoned mid-flight, whose errors come from net/http and would
// quote the URL, with OpenCorporates' token in its query, if not unwrapped.
func secretPhases() []phase {
	flaky, _ := requestsFor(6, 900)
	down, _ := requestsFor(3, 950)
	bothDown, _ := requestsFor(3, 970)
	stale := *flaky[0]
	stale.RequestID = "stale-" + stale.RequestID
	refused, _ := requestsFor(2, 990)
	throttled, _ := requestsFor(3, 1010)
	hung, _ := requestsFor(2, 1030)
	return []phase{
		{"half the Companies House calls fail", map[string]sandbox.Faults{
			sandbox.ProviderCompaniesHouse: {Status5xx: 0.5}}, flaky, false},
		{"Companies House is down and OpenCorporates answers", map[string]sandbox.Faults{
			sandbox.ProviderCompaniesHouse: {Status5xx: 1}}, down, false},
		{"both are down, so the fallback finds nothing or the stale cache", map[string]sandbox.Faults{
			sandbox.ProviderCompaniesHouse: {Status5xx: 1}, sandbox.ProviderOpenCorporates: {Status5xx: 1}},
			append(bothDown, &stale), false},
		{"Companies House refuses the key", map[string]sandbox.Faults{
			sandbox.ProviderCompaniesHouse: {Unauthorized: 1}, sandbox.ProviderOpenCorporates: {}}, refused, true},
		{"Companies House throttles and OpenCorporates refuses or garbles", map[string]sandbox.Faults{
			sandbox.ProviderCompaniesHouse: {RateLimited: 1, RetryAfter: time.Hour},
			sandbox.ProviderOpenCorporates: {Unauthorized: 0.5, Malformed: 0.5}}, throttled, false},
		{"both hold every call until the lookup gives up", map[string]sandbox.Faults{
			sandbox.ProviderCompaniesHouse: {Timeout: 1}, sandbox.ProviderOpenCorporates: {Timeout: 1}}, hung, false},
	}
}

// facebookSecretPhases make the Graph lookups take every path that
// formats an error: retries, a refused token, calls abandoned mid-flight,
// whose URL holds the token and the proof, a throttle and a malformed
// body.
func facebookSecretPhases() []phase {
	flaky, _ := requestsFor(6, 1050)
	refused, _ := requestsFor(2, 1070)
	throttled, _ := requestsFor(3, 1090)
	hung, _ := requestsFor(2, 1110)
	return []phase{
		{"half the Graph calls fail", map[string]sandbox.Faults{sandbox.ProviderFacebook: {Status5xx: 0.5}}, flaky, false},
		{"Graph refuses the token", map[string]sandbox.Faults{sandbox.ProviderFacebook: {Unauthorized: 1}}, refused, true},
		{"Graph holds every call until the lookup gives up", map[string]sandbox.Faults{
			sandbox.ProviderFacebook: {Timeout: 1}}, hung, false},
		// Last: the limiter holds every later call for the hour the
		// throttle estimates.
		{"Graph throttles or garbles", map[string]sandbox.Faults{
			sandbox.ProviderFacebook: {RateLimited: 0.5, Malformed: 0.5, RetryAfter: time.Hour}}, throttled, false},
	}
}

// runPhase sets the phase's faults, sends its requests and waits for each
// to end in a lead or, for a refused credential, a dead letter.
func (e *env) runPhase(p phase) {
	e.t.Helper()
	for prov, f := range p.faults {
		if err := e.sandbox.SetFaults(prov, f); err != nil {
			e.t.Fatalf("%s: %v", p.name, err)
		}
	}
	e.request(p.reqs...)
	if !p.toDLQ {
		e.readCommitted(names.Leads(), leadsFor(ids(p.reqs)))
		return
	}
	e.readCommitted(names.DLQ(), func(msgs []kafka.Message) bool {
		for _, id := range ids(p.reqs) {
			if !hasKey(msgs, id) {
				return false
			}
		}
		return true
	})
}

func hasKey(msgs []kafka.Message, key string) bool {
	for _, m := range msgs {
		if string(m.Key) == key {
			return true
		}
	}
	return false
}

// scanTopics hands look every key, value, header key and header value of
// every record of every catalogue topic, aborted ones included, and
// returns how many records each topic held.
func (e *env) scanTopics(look func(where, text string)) map[string]int {
	e.t.Helper()
	seen := map[string]int{}
	for _, spec := range topics.Catalogue(topics.Config{Tiers: e.tiers}) {
		for p := range e.partitions(spec.Name) {
			for _, m := range e.everyRecord(spec.Name, p) {
				where := fmt.Sprintf("%s/%d@%d", m.Topic, m.Partition, m.Offset)
				look(where+" key", string(m.Key))
				look(where+" value", string(m.Value))
				for _, h := range m.Headers {
					look(where+" header "+h.Key, h.Key+"="+string(h.Value))
				}
				if !isMarker(m) {
					seen[spec.Name]++
				}
			}
		}
	}
	return seen
}

// everyRecord reads one partition from its first offset to its high
// watermark, uncommitted records and transaction markers included.
func (e *env) everyRecord(topic string, partition int) []kafka.Message {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	conn, err := kafka.DialLeader(ctx, "tcp", e.brokers[0], topic, partition)
	if err != nil {
		e.t.Fatal(err)
	}
	first, last, err := conn.ReadOffsets()
	conn.Close()
	if err != nil || first == last {
		return nil
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: e.brokers, Topic: topic, Partition: partition,
		MaxWait: 50 * time.Millisecond, IsolationLevel: kafka.ReadUncommitted})
	defer r.Close()
	if err := r.SetOffset(first); err != nil {
		e.t.Fatal(err)
	}
	var out []kafka.Message
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			e.t.Fatalf("read %s/%d up to offset %d: %v", topic, partition, last, err)
		}
		if out = append(out, m); m.Offset >= last-1 {
			return out
		}
	}
}

// scanMetrics hands look every metric's name, help and label values.
func scanMetrics(t testing.TB, m *metrics.Metrics, look func(where, text string)) {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		look("metric "+f.GetName(), f.GetName()+" "+f.GetHelp())
		for _, x := range f.GetMetric() {
			for _, l := range x.GetLabel() {
				look("metric "+f.GetName()+" label "+l.GetName(), l.GetName()+"="+l.GetValue())
			}
		}
	}
}
