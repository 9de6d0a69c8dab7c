package schemas

import (
	"fmt"
	"time"
)

// Conversions between the Go records and goavro's native form: records are
// map[string]any keyed by Avro field name, arrays []any, a non-null union
// value map[string]any{typeName: v}, timestamp-millis time.Time. They are
// written out by hand, without reflection, because they run on every record.

// companyProfileType is the union branch name goavro uses for the company.
const companyProfileType = "leadgen.v1.CompanyProfile"

func companyRequestToNative(r *CompanyRequest) map[string]any {
	return map[string]any{
		"request_id":     r.RequestID,
		"company_name":   r.CompanyName,
		"company_number": optStringToNative(r.CompanyNumber),
		"domain":         optStringToNative(r.Domain),
		"providers":      stringsToNative(r.Providers),
		"requested_at":   r.RequestedAt,
		"watch":          !r.NoWatch,
	}
}

func companyRequestFromNative(m map[string]any) (*CompanyRequest, error) {
	f := &fields{m: m}
	r := &CompanyRequest{
		RequestID:     get[string](f, "request_id"),
		CompanyName:   get[string](f, "company_name"),
		CompanyNumber: f.optString("company_number"),
		Domain:        f.optString("domain"),
		Providers:     f.strings("providers"),
		RequestedAt:   f.time("requested_at"),
		NoWatch:       !get[bool](f, "watch"),
	}
	return r, f.err
}

func discoveryResultToNative(r *DiscoveryResult) map[string]any {
	var company any
	if r.Company != nil {
		company = map[string]any{companyProfileType: companyProfileToNative(r.Company)}
	}
	return map[string]any{
		"request_id":         r.RequestID,
		"provider":           r.Provider,
		"status":             string(r.Status),
		"layer":              string(r.Layer),
		"executives":         executivesToNative(r.Executives),
		"company":            company,
		"confidence":         r.Confidence,
		"fetched_at":         r.FetchedAt,
		"latency_ms":         r.LatencyMs,
		"api_calls":          r.APICalls,
		"from_cache":         r.FromCache,
		"cost_usd":           r.CostUSD,
		"error":              optStringToNative(r.Error),
		"expected_providers": stringsToNative(r.ExpectedProviders),
		"company_name":       r.CompanyName,
		"company_number":     optStringToNative(r.CompanyNumber),
		"requested_at":       r.RequestedAt,
		"notes":              stringsToNative(r.Notes),
	}
}

func discoveryResultFromNative(m map[string]any) (*DiscoveryResult, error) {
	f := &fields{m: m}
	r := &DiscoveryResult{
		RequestID:         get[string](f, "request_id"),
		Provider:          get[string](f, "provider"),
		Status:            Status(get[string](f, "status")),
		Layer:             Layer(get[string](f, "layer")),
		Executives:        f.executives("executives"),
		Company:           f.company("company"),
		Confidence:        get[float64](f, "confidence"),
		FetchedAt:         f.time("fetched_at"),
		LatencyMs:         get[int64](f, "latency_ms"),
		APICalls:          get[int32](f, "api_calls"),
		FromCache:         get[bool](f, "from_cache"),
		CostUSD:           get[float64](f, "cost_usd"),
		Error:             f.optString("error"),
		ExpectedProviders: f.strings("expected_providers"),
		CompanyName:       get[string](f, "company_name"),
		CompanyNumber:     f.optString("company_number"),
		RequestedAt:       f.time("requested_at"),
		Notes:             f.strings("notes"),
	}
	return r, f.err
}

func enrichedLeadToNative(l *EnrichedLead) map[string]any {
	return map[string]any{
		"lead_key":          l.LeadKey,
		"request_id":        l.RequestID,
		"company_name":      l.CompanyName,
		"company_number":    optStringToNative(l.CompanyNumber),
		"company_status":    optStringToNative(l.CompanyStatus),
		"executives":        executivesToNative(l.Executives),
		"providers_ok":      stringsToNative(l.ProvidersOK),
		"providers_failed":  stringsToNative(l.ProvidersFailed),
		"complete":          l.Complete,
		"lead_score":        l.LeadScore,
		"score_components":  scoreComponentsToNative(l.ScoreComponents),
		"version":           l.Version,
		"updated_at":        l.UpdatedAt,
		"requested_at":      l.RequestedAt,
		"cost_usd":          l.CostUSD,
		"notes":             leadNotesToNative(l.Notes),
		"score_explanation": stringsToNative(l.ScoreExplanation),
	}
}

func enrichedLeadFromNative(m map[string]any) (*EnrichedLead, error) {
	f := &fields{m: m}
	l := &EnrichedLead{
		LeadKey:          get[string](f, "lead_key"),
		RequestID:        get[string](f, "request_id"),
		CompanyName:      get[string](f, "company_name"),
		CompanyNumber:    f.optString("company_number"),
		CompanyStatus:    f.optString("company_status"),
		Executives:       f.executives("executives"),
		ProvidersOK:      f.strings("providers_ok"),
		ProvidersFailed:  f.strings("providers_failed"),
		Complete:         get[bool](f, "complete"),
		LeadScore:        get[float64](f, "lead_score"),
		ScoreComponents:  f.scoreComponents("score_components"),
		Version:          get[int64](f, "version"),
		UpdatedAt:        f.time("updated_at"),
		RequestedAt:      f.time("requested_at"),
		CostUSD:          get[float64](f, "cost_usd"),
		Notes:            f.leadNotes("notes"),
		ScoreExplanation: f.strings("score_explanation"),
	}
	return l, f.err
}

func leadNotesToNative(ns []LeadNote) []any {
	out := make([]any, len(ns))
	for i, n := range ns {
		out[i] = map[string]any{"provider": n.Provider, "note": n.Note}
	}
	return out
}

func leadNoteFromNative(m map[string]any) (LeadNote, error) {
	f := &fields{m: m}
	n := LeadNote{Provider: get[string](f, "provider"), Note: get[string](f, "note")}
	return n, f.err
}

func executivesToNative(es []Executive) []any {
	out := make([]any, len(es))
	for i := range es {
		e := &es[i]
		out[i] = map[string]any{
			"name":                e.Name,
			"normalized_name":     e.NormalizedName,
			"role":                e.Role,
			"appointed_on":        optStringToNative(e.AppointedOn),
			"source_ref":          optStringToNative(e.SourceRef),
			"sources":             stringsToNative(e.Sources),
			"resigned_on":         optStringToNative(e.ResignedOn),
			"confidence":          e.Confidence,
			"birth_month":         optIntToNative(e.BirthMonth),
			"birth_year":          optIntToNative(e.BirthYear),
			"natures_of_control":  stringsToNative(e.NaturesOfControl),
			"source_refs":         stringsToNative(e.SourceRefs),
			"seniority":           optStringToNative(e.Seniority),
			"function":            optStringToNative(e.Function),
			"other_directorships": optIntToNative(e.OtherDirectorships),
			"profile_urls":        profileURLsToNative(e.ProfileURLs),
		}
	}
	return out
}

func executiveFromNative(m map[string]any) (Executive, error) {
	f := &fields{m: m}
	e := Executive{
		Name:               get[string](f, "name"),
		NormalizedName:     get[string](f, "normalized_name"),
		Role:               get[string](f, "role"),
		AppointedOn:        f.optString("appointed_on"),
		SourceRef:          f.optString("source_ref"),
		Sources:            f.strings("sources"),
		ResignedOn:         f.optString("resigned_on"),
		Confidence:         get[float64](f, "confidence"),
		BirthMonth:         f.optInt("birth_month"),
		BirthYear:          f.optInt("birth_year"),
		NaturesOfControl:   f.strings("natures_of_control"),
		SourceRefs:         f.strings("source_refs"),
		Seniority:          f.optString("seniority"),
		Function:           f.optString("function"),
		OtherDirectorships: f.optInt("other_directorships"),
		ProfileURLs:        recordList(f, "profile_urls", profileURLFromNative),
	}
	return e, f.err
}

func profileURLsToNative(ps []ProfileURL) []any {
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = map[string]any{"source": p.Source, "url": p.URL}
	}
	return out
}

func profileURLFromNative(m map[string]any) (ProfileURL, error) {
	f := &fields{m: m}
	p := ProfileURL{Source: get[string](f, "source"), URL: get[string](f, "url")}
	return p, f.err
}

func companyProfileToNative(c *CompanyProfile) map[string]any {
	return map[string]any{
		"name":            c.Name,
		"number":          optStringToNative(c.Number),
		"status":          optStringToNative(c.Status),
		"type":            optStringToNative(c.Type),
		"incorporated_on": optStringToNative(c.IncorporatedOn),
		"address":         optStringToNative(c.Address),
		"website":         optStringToNative(c.Website),
		"sic_codes":       stringsToNative(c.SICCodes),
	}
}

func companyProfileFromNative(m map[string]any) (*CompanyProfile, error) {
	f := &fields{m: m}
	c := &CompanyProfile{
		Name:           get[string](f, "name"),
		Number:         f.optString("number"),
		Status:         f.optString("status"),
		Type:           f.optString("type"),
		IncorporatedOn: f.optString("incorporated_on"),
		Address:        f.optString("address"),
		Website:        f.optString("website"),
		SICCodes:       f.strings("sic_codes"),
	}
	return c, f.err
}

func scoreComponentsToNative(s ScoreComponents) map[string]any {
	return map[string]any{
		"official_source":        s.OfficialSource,
		"cross_source_agreement": s.CrossSourceAgreement,
		"web_presence":           s.WebPresence,
		"company_status":         s.CompanyStatus,
	}
}

func scoreComponentsFromNative(m map[string]any) (ScoreComponents, error) {
	f := &fields{m: m}
	s := ScoreComponents{
		OfficialSource:       get[float64](f, "official_source"),
		CrossSourceAgreement: get[float64](f, "cross_source_agreement"),
		WebPresence:          get[float64](f, "web_presence"),
		CompanyStatus:        get[float64](f, "company_status"),
	}
	return s, f.err
}

func optStringToNative(s *string) any { return optionalToNative(s, "string") }

func optIntToNative(n *int32) any { return optionalToNative(n, "int") }

// optionalToNative writes a union of null and the primitive Avro type typ.
func optionalToNative[T any](v *T, typ string) any {
	if v == nil {
		return nil
	}
	return map[string]any{typ: *v}
}

// stringsToNative always returns a non-nil slice: a nil Go slice is an
// empty Avro array.
func stringsToNative(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// fieldOf is one field of a record T: its Avro name, and how it is
// written to and read from goavro's native form.
type fieldOf[T any] struct {
	name string
	to   func(*T) any
	from func(*fields, *T)
}

// field is the fieldOf the field at returns, written by to and read by
// from.
func field[T, V, N any](name string, at func(*T) *V, to func(V) N, from func(*fields, string) V) fieldOf[T] {
	return fieldOf[T]{name: name,
		to:   func(r *T) any { return to(*at(r)) },
		from: func(f *fields, r *T) { *at(r) = from(f, name) }}
}

// asIs writes a value goavro takes as it is.
func asIs[V any](v V) V { return v }

// recordFields are the fields of a record T, in the order they are read:
// the first field that does not read is the error.
type recordFields[T any] []fieldOf[T]

func (rf recordFields[T]) toNative(r *T) map[string]any {
	m := make(map[string]any, len(rf))
	for _, fd := range rf {
		m[fd.name] = fd.to(r)
	}
	return m
}

func (rf recordFields[T]) fromNative(m map[string]any) (*T, error) {
	f := &fields{m: m}
	r := new(T)
	for _, fd := range rf {
		fd.from(f, r)
	}
	return r, f.err
}

// fields reads typed values out of one decoded record and keeps the first
// mismatch, so each converter is a flat struct literal checked once at the
// end. A mismatch means the map did not come from this package's schemas.
type fields struct {
	m   map[string]any
	err error
}

func get[T any](f *fields, name string) T {
	v, ok := f.m[name].(T)
	if !ok && f.err == nil {
		f.err = fmt.Errorf("field %q: unexpected %T", name, f.m[name])
	}
	return v
}

func (f *fields) fail(name string, err error) {
	if f.err == nil {
		f.err = fmt.Errorf("field %q: %w", name, err)
	}
}

// time returns the timestamp in UTC, as goavro decodes it.
func (f *fields) time(name string) time.Time {
	return get[time.Time](f, name).UTC()
}

// optString reads a ["null","string"] union.
func (f *fields) optString(name string) *string { return optional[string](f, name, "string") }

// optInt reads a ["null","int"] union.
func (f *fields) optInt(name string) *int32 { return optional[int32](f, name, "int") }

// optional reads a union of null and the primitive Avro type typ, whose
// values goavro decodes as T.
func optional[T any](f *fields, name, typ string) *T {
	v := f.m[name]
	if v == nil {
		return nil
	}
	branch, _ := v.(map[string]any)
	x, ok := branch[typ].(T)
	if !ok {
		f.fail(name, fmt.Errorf("unexpected union value %v", v))
		return nil
	}
	return &x
}

// strings returns nil for an empty array, so a decoded record compares
// equal to one built with nil slices.
func (f *fields) strings(name string) []string {
	return list(f, name, func(it any) (string, error) {
		s, ok := it.(string)
		if !ok {
			return "", fmt.Errorf("unexpected %T", it)
		}
		return s, nil
	})
}

func (f *fields) executives(name string) []Executive {
	return recordList(f, name, executiveFromNative)
}

func (f *fields) leadNotes(name string) []LeadNote {
	return recordList(f, name, leadNoteFromNative)
}

// recordList reads an array of records with from, nil when it is empty.
func recordList[T any](f *fields, name string, from func(map[string]any) (T, error)) []T {
	return list(f, name, func(it any) (T, error) {
		m, _ := it.(map[string]any)
		return from(m)
	})
}

// list reads an array item by item with from, nil when it is empty.
func list[T any](f *fields, name string, from func(any) (T, error)) []T {
	items := get[[]any](f, name)
	if len(items) == 0 {
		return nil
	}
	out := make([]T, len(items))
	for i, it := range items {
		v, err := from(it)
		if err != nil {
			f.fail(name, fmt.Errorf("item %d: %w", i, err))
			return nil
		}
		out[i] = v
	}
	return out
}

// company reads the ["null", CompanyProfile] union.
func (f *fields) company(name string) *CompanyProfile {
	if f.m[name] == nil {
		return nil
	}
	branch := get[map[string]any](f, name)
	m, _ := branch[companyProfileType].(map[string]any)
	c, err := companyProfileFromNative(m)
	if err != nil {
		f.fail(name, err)
		return nil
	}
	return c
}

func (f *fields) scoreComponents(name string) ScoreComponents {
	s, err := scoreComponentsFromNative(get[map[string]any](f, name))
	if err != nil {
		f.fail(name, err)
	}
	return s
}
