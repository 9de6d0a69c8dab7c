package schemas

import "time"

// Status says how a provider's lookup ended.
type Status string

// The DiscoveryResult statuses of DESIGN §5.
const (
	StatusOK       Status = "OK"
	StatusNotFound Status = "NOT_FOUND"
	StatusFallback Status = "FALLBACK"
	StatusFailed   Status = "FAILED"
)

// Layer says which source answered: the provider's own API, its secondary
// API, a stale cache entry, or nothing at all.
type Layer string

// The DiscoveryResult layers of DESIGN §5.
const (
	LayerPrimary    Layer = "PRIMARY"
	LayerSecondary  Layer = "SECONDARY"
	LayerStaleCache Layer = "STALE_CACHE"
	LayerNone       Layer = "NONE"
)

// CompanyRequest asks leadgen to find the decision makers of one company.
// It is the value of the company-requests topic, keyed by RequestID.
type CompanyRequest struct {
	RequestID     string
	CompanyName   string
	CompanyNumber *string
	Domain        *string
	// Providers limits the lookup to these providers; empty means every
	// enabled provider.
	Providers   []string
	RequestedAt time.Time
	// NoWatch opts the company out of the watchlist (Avro watch=false):
	// its lead does not make the watch role follow its Companies House
	// events. The zero value watches, as the field's default does.
	NoWatch bool
}

// Executive is one person found by a provider, or, on an EnrichedLead, one
// deduplicated person merged from every source that named them.
type Executive struct {
	Name           string
	NormalizedName string
	Role           string
	AppointedOn    *string
	ResignedOn     *string
	SourceRef      *string
	Sources        []string
	// Confidence is 0..1; on a lead it grows with independent agreeing
	// sources.
	Confidence float64
	// BirthMonth (1-12) and BirthYear are the month and year of birth
	// Companies House publishes for officers and persons with significant
	// control, both set or both nil. The register publishes no day of
	// birth, and no field here can hold one.
	BirthMonth *int32
	BirthYear  *int32
	// NaturesOfControl are the Companies House natures-of-control codes
	// of a person with significant control, as published (e.g.
	// "ownership-of-shares-25-to-50-percent"); nil for anyone else.
	NaturesOfControl []string
	// SourceRefs are, on a lead, every distinct reference of the mentions
	// merged into the person, most official first (SourceRef is the first).
	SourceRefs []string
	// Seniority and Function are, on a lead, the person's level and
	// business function from every role and title the sources give (see
	// internal/seniority); nil when unknown and on a DiscoveryResult.
	Seniority *string
	Function  *string
	// OtherDirectorships counts the person's current directorships at
	// other active companies, from the Companies House appointments
	// endpoint; nil when unknown.
	OtherDirectorships *int32
	// ProfileURLs are, on a lead, one profile address per source that
	// gave one, ordered by source.
	ProfileURLs []ProfileURL
}

// ProfileURL is a web address of a person at one source.
type ProfileURL struct {
	Source string
	URL    string
}

// CompanyProfile holds the facts a provider found about the company itself.
type CompanyProfile struct {
	Name           string
	Number         *string
	Status         *string
	Type           *string
	IncorporatedOn *string
	Address        *string
	Website        *string
	SICCodes       []string
}

// DiscoveryResult is one provider's answer to one CompanyRequest. It is the
// value of the discovery-results topic, keyed by RequestID.
type DiscoveryResult struct {
	RequestID  string
	Provider   string
	Status     Status
	Layer      Layer
	Executives []Executive
	Company    *CompanyProfile
	Confidence float64
	FetchedAt  time.Time
	LatencyMs  int64
	APICalls   int32
	FromCache  bool
	CostUSD    float64
	Error      *string

	// ExpectedProviders are the providers the aggregator waits for before
	// it emits the lead, resolved by the provider from the request.
	ExpectedProviders []string
	// CompanyName, CompanyNumber and RequestedAt are copied from the
	// request so the aggregator can build a lead without the request.
	CompanyName   string
	CompanyNumber *string
	RequestedAt   time.Time
	// Notes say what an answer (OK or NOT_FOUND) left out and why, e.g.
	// pages a website's robots.txt disallows; Error is for failures.
	Notes []string
}

// LeadNote is one provider's note on what its answer left out and why.
type LeadNote struct {
	Provider string
	Note     string
}

// ScoreComponents explains a lead score: each part is 0..100 and the score
// is their weighted sum (see the score package).
type ScoreComponents struct {
	OfficialSource       float64
	CrossSourceAgreement float64
	WebPresence          float64
	CompanyStatus        float64
}

// EnrichedLead is the merged, scored result for one request. It is the value
// of the compacted enriched-leads topic, keyed by LeadKey; a later Version
// replaces an earlier one.
type EnrichedLead struct {
	LeadKey         string
	RequestID       string
	CompanyName     string
	CompanyNumber   *string
	CompanyStatus   *string
	Executives      []Executive
	ProvidersOK     []string
	ProvidersFailed []string
	Complete        bool
	LeadScore       float64
	ScoreComponents ScoreComponents
	Version         int64
	UpdatedAt       time.Time
	RequestedAt     time.Time
	CostUSD         float64
	// Notes are the notes of the results that answered, by provider.
	Notes []LeadNote
	// ScoreExplanation is one short sentence per score component, in the
	// order of ScoreComponents (see score.Explain).
	ScoreExplanation []string
}
