package schemaregistry_test

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/schemaregistry"
	"github.com/leadgen/leadgen/internal/tlsfiles"
	"github.com/leadgen/leadgen/internal/tlstest"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/linkedin/goavro/v2"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"
)

var names = topics.Names{}

// useRegistry connects leadgen's codec to reg for the test, writing with
// framing, and restores the default (no registry, single-object) after.
// Tests that call it must not run in parallel: the codec is per process.
func useRegistry(t *testing.T, cfg schemaregistry.Config, framing schemas.Framing) {
	t.Helper()
	reg, err := schemaregistry.Connect(t.Context(), cfg, names, schemaregistry.Records...)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	if err := schemas.Use(reg, framing); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := schemas.Use(nil, schemas.SingleObject); err != nil {
			t.Error(err)
		}
	})
}

func produce(t *testing.T, opts []kgo.Opt, topic string, values ...[]byte) {
	t.Helper()
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for _, v := range values {
		if err := cl.ProduceSync(t.Context(), &kgo.Record{Topic: topic, Value: v}).FirstErr(); err != nil {
			t.Fatalf("produce to %s: %v", topic, err)
		}
	}
}

// consume reads n values of topic from its start.
func consume(t *testing.T, opts []kgo.Opt, topic string, n int) [][]byte {
	t.Helper()
	cl, err := kgo.NewClient(append(opts[:len(opts):len(opts)], kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	var out [][]byte
	for len(out) < n {
		fs := cl.PollFetches(t.Context())
		if err := fs.Err0(); err != nil {
			t.Fatalf("read %s: %v", topic, err)
		}
		fs.EachRecord(func(r *kgo.Record) { out = append(out, r.Value) })
	}
	return out
}

func sampleLead() *schemas.EnrichedLead {
	return &schemas.EnrichedLead{LeadKey: "gb-01234567", RequestID: "r-1", CompanyName: "Acme Widgets Ltd",
		Executives:  []schemas.Executive{{Name: "Jane Doe", Role: "director", Sources: []string{"companies_house"}, Confidence: 0.9}},
		ProvidersOK: []string{"companies_house"}, Complete: true, LeadScore: 81.5, Version: 3,
		UpdatedAt: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)}
}

// serdeFor is how a Confluent client reads a subject: the registry's
// schema text, goavro, and sr.Serde's framing.
func serdeFor(t *testing.T, cl *sr.Client, subject string) *sr.Serde {
	t.Helper()
	ss, err := cl.SchemaByVersion(t.Context(), subject, -1)
	if err != nil {
		t.Fatalf("latest %s: %v", subject, err)
	}
	codec, err := goavro.NewCodec(ss.Schema.Schema)
	if err != nil {
		t.Fatal(err)
	}
	var serde sr.Serde
	serde.Register(ss.ID, map[string]any{},
		sr.EncodeFn(func(v any) ([]byte, error) { return codec.BinaryFromNative(nil, v) }),
		sr.DecodeFn(func(b []byte, v any) error {
			native, rest, err := codec.NativeFromBinary(b)
			if err == nil && len(rest) > 0 {
				err = errors.New("trailing bytes")
			}
			if err == nil {
				*v.(*map[string]any) = native.(map[string]any)
			}
			return err
		}))
	return &serde
}

func TestLeadgenRegistryFramedLeadsAreReadBySrSerde(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	opts := embeddedtest.Opts(t)
	useRegistry(t, schemaregistry.Config{URL: reg.URL(), Register: true}, schemas.Confluent)

	value, err := schemas.EncodeEnrichedLead(sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	produce(t, opts, names.Leads(), value)
	got := consume(t, opts, names.Leads(), 1)[0]

	cl, err := sr.NewClient(sr.URLs(reg.URL()))
	if err != nil {
		t.Fatal(err)
	}
	var lead map[string]any
	if err := serdeFor(t, cl, "enriched-leads-value").Decode(got, &lead); err != nil {
		t.Fatalf("sr.Serde cannot read leadgen's lead: %v", err)
	}
	if lead["lead_key"] != "gb-01234567" || lead["version"] != int64(3) || lead["lead_score"] != 81.5 {
		t.Fatalf("sr.Serde read %v", lead)
	}
}

func TestRecordsFramedBySrSerdeAreReadByLeadgen(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	opts := embeddedtest.Opts(t)
	// A Confluent client registers the .avsc itself, as its serialiser does.
	cl, err := sr.NewClient(sr.URLs(reg.URL()))
	if err != nil {
		t.Fatal(err)
	}
	avsc, err := schemas.Schema("CompanyRequest")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.CreateSchema(t.Context(), "company-requests-value", sr.Schema{Schema: avsc, Type: sr.TypeAvro}); err != nil {
		t.Fatal(err)
	}
	value, err := serdeFor(t, cl, "company-requests-value").Encode(map[string]any{
		"request_id": "py-1", "company_name": "Acme Widgets Ltd", "company_number": map[string]any{"string": "01234567"},
		"domain": nil, "providers": []any{"companies_house"}, "requested_at": time.UnixMilli(1_700_000_000_000).UTC(),
	})
	if err != nil {
		t.Fatal(err)
	}
	produce(t, opts, names.Requests(), value)
	// Leadgen on a locked-down registry: it only looks the schemas up.
	seed(t, cl)
	useRegistry(t, schemaregistry.Config{URL: reg.URL(), Register: false}, schemas.SingleObject)

	req, err := schemas.DecodeCompanyRequest(consume(t, opts, names.Requests(), 1)[0])
	if err != nil {
		t.Fatalf("leadgen cannot read a Confluent client's request: %v", err)
	}
	if req.RequestID != "py-1" || *req.CompanyNumber != "01234567" || req.RequestedAt.UnixMilli() != 1_700_000_000_000 {
		t.Fatalf("leadgen read %+v", req)
	}
}

// seed registers the schemas leadgen writes with, as an administrator of
// a locked-down registry would, under the subjects it has none in.
func seed(t *testing.T, cl *sr.Client) {
	t.Helper()
	for record, subject := range schemaregistry.Subjects(names) {
		avsc, err := schemas.Schema(record)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cl.CreateSchema(t.Context(), subject, sr.Schema{Schema: avsc, Type: sr.TypeAvro}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBothFramingsOnOneTopicDecode(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	opts := embeddedtest.Opts(t)
	single, err := schemas.EncodeEnrichedLead(sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	useRegistry(t, schemaregistry.Config{URL: reg.URL(), Register: true}, schemas.Confluent)
	confluent, err := schemas.EncodeEnrichedLead(sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	if single[0] != 0xC3 || confluent[0] != 0x00 {
		t.Fatalf("framings start %#x and %#x, want 0xc3 and 0x00", single[0], confluent[0])
	}
	produce(t, opts, names.Leads(), single, confluent)
	for i, v := range consume(t, opts, names.Leads(), 2) {
		lead, err := schemas.DecodeEnrichedLead(v)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if lead.LeadKey != "gb-01234567" {
			t.Fatalf("record %d: lead %+v", i, lead)
		}
	}
}

func TestRegisterOffWithAMissingSubjectFailsClearly(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	_, err := schemaregistry.Connect(t.Context(), schemaregistry.Config{URL: reg.URL(), Register: false}, topics.Names{Prefix: "staging."}, schemaregistry.Records...)
	if err == nil || !strings.Contains(err.Error(), "staging.company-requests-value") || !strings.Contains(err.Error(), "not registered") {
		t.Fatalf("err = %v, want the subject named and not registered", err)
	}
}

// A command that only reads (leads, dlq, status) writes nothing to the
// registry, so read-only registry credentials serve it; one that writes
// one record (request) registers that record's subject alone.
func TestOnlyTheSubjectsOfTheRecordsWrittenAreRegistered(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	cl, err := sr.NewClient(sr.URLs(reg.URL()))
	if err != nil {
		t.Fatal(err)
	}
	cfg := schemaregistry.Config{URL: reg.URL(), Register: true}
	if _, err := schemaregistry.Connect(t.Context(), cfg, names); err != nil {
		t.Fatal(err)
	}
	if subjects, err := cl.Subjects(t.Context()); err != nil || len(subjects) != 0 {
		t.Fatalf("after a reader connected: subjects %v (%v), want none", subjects, err)
	}
	if _, err := schemaregistry.Connect(t.Context(), cfg, names, schemaregistry.CompanyRequest); err != nil {
		t.Fatal(err)
	}
	if subjects, err := cl.Subjects(t.Context()); err != nil || !slices.Equal(subjects, []string{"company-requests-value"}) {
		t.Fatalf("after a request writer connected: subjects %v (%v), want company-requests-value alone", subjects, err)
	}
}

func TestRegisteringSetsBackwardCompatibilityOnEverySubject(t *testing.T) {
	reg := srfake.New(srfake.WithGlobalCompat(sr.CompatNone))
	defer reg.Close()
	all := append(slices.Clone(schemaregistry.Records), schemaregistry.WatchRecords...)
	if _, err := schemaregistry.Connect(t.Context(), schemaregistry.Config{URL: reg.URL(), Register: true}, names, all...); err != nil {
		t.Fatal(err)
	}
	cl, err := sr.NewClient(sr.URLs(reg.URL()))
	if err != nil {
		t.Fatal(err)
	}
	for _, subject := range schemaregistry.Subjects(names) {
		res := cl.Compatibility(t.Context(), subject)[0]
		if res.Err != nil || res.Level != sr.CompatBackward {
			t.Fatalf("%s: compatibility %v, %v; want BACKWARD", subject, res.Level, res.Err)
		}
		if _, ok := reg.GetSchema(subject, 1); !ok {
			t.Fatalf("%s: no version registered", subject)
		}
	}
}

func TestAnIncompatibleSchemaIsRefusedBeforeItIsRegistered(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	reg.Intercept(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasPrefix(r.URL.Path, "/compatibility/") {
			return false
		}
		w.Header().Set("Content-Type", "application/vnd.schemaregistry.v1+json")
		_ = json.NewEncoder(w).Encode(map[string]any{"is_compatible": false, "messages": []string{"reader field removed"}})
		return true
	})
	_, err := schemaregistry.Connect(t.Context(), schemaregistry.Config{URL: reg.URL(), Register: true}, names, schemaregistry.Records...)
	if err == nil || !strings.Contains(err.Error(), "not BACKWARD compatible") || !strings.Contains(err.Error(), "reader field removed") {
		t.Fatalf("err = %v, want the refusal and its reason", err)
	}
	if reg.SubjectExists("company-requests-value") {
		if _, ok := reg.GetSchema("company-requests-value", 1); ok {
			t.Fatal("the refused schema was registered")
		}
	}
}

func TestACredentialNeverAppearsInAnError(t *testing.T) {
	reg := srfake.New(srfake.WithAuth("Bearer the-right-token"))
	defer reg.Close()
	const sentinel = "s3cret-sentinel"
	for _, cfg := range []schemaregistry.Config{
		{URL: reg.URL(), Register: true, Token: sentinel},
		{URL: reg.URL(), Register: true, User: "leadgen", Password: sentinel},
		{URL: reg.URL(), Register: false, User: "leadgen", Password: sentinel},
		{URL: strings.Replace(reg.URL(), "http://", "http://leadgen:"+sentinel+"@", 1), Register: true},
		{URL: reg.URL(), Token: sentinel, User: "leadgen", Password: sentinel},
	} {
		_, err := schemaregistry.Connect(context.Background(), cfg, names, schemaregistry.Records...)
		if err == nil || strings.Contains(err.Error(), sentinel) {
			t.Fatalf("err = %v, want an error without the credential", err)
		}
	}
}

func TestConfluentFramedValuesWithoutARegistryAreUndecodable(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	useRegistry(t, schemaregistry.Config{URL: reg.URL(), Register: true}, schemas.Confluent)
	value, err := schemas.EncodeEnrichedLead(sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	unknownID := append([]byte{0, 0, 0, 0x7f, 0x7f}, value[5:]...)
	otherRecord := value // an EnrichedLead's schema id, read as a request
	if err := schemas.Use(nil, schemas.SingleObject); err != nil {
		t.Fatal(err)
	}
	_, errNoRegistry := schemas.DecodeEnrichedLead(value)
	useRegistry(t, schemaregistry.Config{URL: reg.URL(), Register: true}, schemas.Confluent)
	_, errUnknown := schemas.DecodeEnrichedLead(unknownID)
	_, errOther := schemas.DecodeCompanyRequest(otherRecord)
	for _, c := range []struct {
		err   error
		class schemas.DecodeClass
		says  string
	}{
		{errNoRegistry, schemas.NoRegistry, "no schema registry is configured"},
		{errUnknown, schemas.UnknownSchemaID, "not in the schema registry"},
		{errOther, schemas.UnknownFingerprint, "is a EnrichedLead, not a CompanyRequest"},
	} {
		var de *schemas.DecodeError
		if !errors.As(c.err, &de) || de.Class != c.class || !strings.Contains(de.Error(), c.says) {
			t.Errorf("err = %v, want class %s saying %q", c.err, c.class, c.says)
		}
	}
}

func TestAnHTTPSRegistryIsReachedWithItsCAAndBasicAuth(t *testing.T) {
	pki := tlstest.New(t)
	cert, err := tls.LoadX509KeyPair(pki.Cert, pki.Key)
	if err != nil {
		t.Fatal(err)
	}
	const password = "basic-sentinel"
	fake := srfake.NewRegistry(srfake.WithAuth("Basic " + base64.StdEncoding.EncodeToString([]byte("leadgen:"+password))))
	srv := httptest.NewUnstartedServer(fake.Handler())
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is the point
	srv.StartTLS()
	defer srv.Close()

	cfg := schemaregistry.Config{URL: srv.URL, Register: true, User: "leadgen", Password: password}
	if _, err := schemaregistry.Connect(t.Context(), cfg, names, schemaregistry.Records...); err == nil || strings.Contains(err.Error(), password) {
		t.Fatalf("without the CA: err = %v, want a TLS error without the password", err)
	}
	cfg.TLS = tlsfiles.Files{CA: pki.CA}
	if _, err := schemaregistry.Connect(t.Context(), cfg, names, schemaregistry.Records...); err != nil {
		t.Fatalf("with the CA: %v", err)
	}
	if _, ok := fake.GetSchema("enriched-leads-value", 1); !ok {
		t.Fatal("enriched-leads-value was not registered")
	}
}
