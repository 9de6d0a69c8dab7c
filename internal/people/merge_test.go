package people

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// officer is a test shorthand for an Executive; empty strings are nil.
func officer(name, role, appointed, resigned, ref string) schemas.Executive {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return schemas.Executive{Name: name, Role: role, AppointedOn: opt(appointed), ResignedOn: opt(resigned), SourceRef: opt(ref)}
}

func result(provider string, status schemas.Status, confidence float64, execs ...schemas.Executive) *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{Provider: provider, Status: status, Confidence: confidence, Executives: execs}
}

// summary writes a merged person on one line for comparison.
func summary(e schemas.Executive) string {
	return fmt.Sprintf("%s (%s) %s %s appointed=%s resigned=%s ref=%s conf=%.4f",
		e.Name, e.NormalizedName, e.Role, strings.Join(e.Sources, "+"),
		deref(e.AppointedOn), deref(e.ResignedOn), deref(e.SourceRef), e.Confidence)
}

func summaries(people []schemas.Executive) []string {
	out := []string{}
	for _, p := range people {
		out = append(out, summary(p))
	}
	return out
}

var mergeTests = []struct {
	name    string
	results []*schemas.DiscoveryResult
	want    []string
}{
	{
		name: "a failed provider yields no people",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1, officer("DOE, Jane", "director", "2019-03-14", "", "")),
			result("linkedin", schemas.StatusFailed, 1, officer("John Smith", "CEO", "", "", "")),
		},
		want: []string{"Jane Doe (jane doe) director companies_house appointed=2019-03-14 resigned= ref= conf=0.9000"},
	},
	{
		name: "the register form and a profile merge into one person with the fullest name and both sources",
		results: []*schemas.DiscoveryResult{
			result("linkedin", schemas.StatusOK, 0.8, officer("Jane Doe", "CEO", "", "", "https://linkedin.example/in/janedoe")),
			result("companies_house", schemas.StatusOK, 1, officer("DOE, Jane Elizabeth", "director", "2019-03-14", "", "")),
		},
		want: []string{"Jane Elizabeth Doe (jane elizabeth doe) director companies_house+linkedin appointed=2019-03-14 resigned= ref=https://linkedin.example/in/janedoe conf=0.9400"},
	},
	{
		name: "a source naming one person twice counts once and the senior role wins",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1,
				officer("SMITH, Robert", "secretary", "2019-03-14", "", "ch/2"),
				officer("SMITH, Robert", "director", "2019-03-14", "", "ch/1")),
		},
		want: []string{"Robert Smith (robert smith) director companies_house appointed=2019-03-14 resigned= ref=ch/1 conf=0.9000"},
	},
	{
		name: "two appointments of one name at one source stay two people, the resigned one last",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1,
				officer("SMITH, John", "director", "2001-01-01", "2005-01-01", ""),
				officer("SMITH, John", "director", "2019-01-01", "", "")),
		},
		want: []string{
			"John Smith (john smith) director companies_house appointed=2019-01-01 resigned= ref= conf=0.9000",
			"John Smith (john smith) director companies_house appointed=2001-01-01 resigned=2005-01-01 ref= conf=0.9000",
		},
	},
	{
		name: "a person is resigned only when every source says so",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1, officer("BROWN, Alice", "director", "2019-03-14", "2020-11-30", "")),
			result("website", schemas.StatusOK, 1, officer("Alice Brown", "Director", "", "", "")),
		},
		want: []string{"Alice Brown (alice brown) director companies_house+website appointed=2019-03-14 resigned= ref= conf=0.9600"},
	},
	{
		name: "a person resigned everywhere keeps the latest resignation and the earliest appointment",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1, officer("BROWN, Alice", "director", "2019-03-14", "2020-11-30", "")),
			result("x", schemas.StatusFallback, 0.5, officer("Alice Brown", "director", "2018-01-01", "2021-02-01", "")),
		},
		want: []string{"Alice Brown (alice brown) director companies_house+x appointed=2018-01-01 resigned=2021-02-01 ref= conf=0.9250"},
	},
	{
		name: "people are ordered current first, then director, owner, secretary, other, then name",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1,
				officer("ZED, Zoe", "secretary", "2019-01-01", "", ""),
				officer("YOUNG, Yan", "individual-person-with-significant-control", "2019-01-01", "", ""),
				officer("ADAMS, Amy", "director", "2010-01-01", "2012-01-01", ""),
				officer("XU, Xi", "director", "2019-01-01", "", ""),
				officer("WEST, Will", "director", "2019-01-01", "", "")),
			result("website", schemas.StatusOK, 1, officer("Vic Vale", "Head of Sales", "", "", "")),
		},
		want: []string{
			"Will West (will west) director companies_house appointed=2019-01-01 resigned= ref= conf=0.9000",
			"Xi Xu (xi xu) director companies_house appointed=2019-01-01 resigned= ref= conf=0.9000",
			"Yan Young (yan young) individual-person-with-significant-control companies_house appointed=2019-01-01 resigned= ref= conf=0.9000",
			"Zoe Zed (zoe zed) secretary companies_house appointed=2019-01-01 resigned= ref= conf=0.9000",
			"Vic Vale (vic vale) Head of Sales website appointed= resigned= ref= conf=0.6000",
			"Amy Adams (amy adams) director companies_house appointed=2010-01-01 resigned=2012-01-01 ref= conf=0.9000",
		},
	},
	{
		// Both mentions count at their link, 0.96 (an initial, 0.8, and the same class of role).
		name: "an initial with a matching role joins the only person it fits",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1, officer("SMITH, John", "director", "2019-01-01", "", "")),
			result("website", schemas.StatusOK, 1, officer("J. Smith", "Managing Director", "", "", "")),
		},
		want: []string{"John Smith (john smith) director companies_house+website appointed=2019-01-01 resigned= ref= conf=0.9423"},
	},
	{
		name: "an initial that fits two people stays on its own",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1,
				officer("SMITH, John", "director", "2019-01-01", "", ""),
				officer("SMITH, Jane", "director", "2019-01-01", "", "")),
			result("website", schemas.StatusOK, 1, officer("J. Smith", "Director", "", "", "")),
		},
		want: []string{
			"J. Smith (j smith) Director website appointed= resigned= ref= conf=0.6000",
			"Jane Smith (jane smith) director companies_house appointed=2019-01-01 resigned= ref= conf=0.9000",
			"John Smith (john smith) director companies_house appointed=2019-01-01 resigned= ref= conf=0.9000",
		},
	},
	{
		name: "confidence rises with every independent source and falls with a weak result",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusFallback, 0.5, officer("PATEL, Samir", "director", "2017-04-04", "", "")),
			result("website", schemas.StatusOK, 1, officer("Samir Patel", "Founder", "", "", "")),
			result("x", schemas.StatusOK, 1, officer("Samir Patel", "", "", "", "https://x.example/samir")),
			result("facebook", schemas.StatusNotFound, 0),
		},
		want: []string{"Samir Patel (samir patel) director companies_house+website+x appointed=2017-04-04 resigned= ref=https://x.example/samir conf=0.8900"},
	},
	{
		name: "nameless executives and nil results are skipped",
		results: []*schemas.DiscoveryResult{
			nil,
			result("website", schemas.StatusOK, 1, officer(" , ", "Director", "", "", "")),
		},
		want: []string{},
	},
}

// testSources are the registry's evidence as the aggregator hands it down
// (a copy of the registry's weights today, so the labelled set keeps its
// meaning).
var testSources = provider.Sources{
	{Name: "companies_house", Evidence: provider.Evidence{Weight: 0.9, Kind: provider.Register, Rank: 10}},
	{Name: "opencorporates", Evidence: provider.Evidence{Weight: 0.8, Kind: provider.Mirror, Rank: 20}},
	{Name: "website", Evidence: provider.Evidence{Weight: 0.6, Kind: provider.Web, Rank: 30}},
	{Name: "linkedin", Evidence: provider.Evidence{Weight: 0.5, Kind: provider.Social, Rank: 40}},
	{Name: "x", Evidence: provider.Evidence{Weight: 0.5, Kind: provider.Social, Rank: 50}},
	{Name: "facebook", Evidence: provider.Evidence{Weight: 0.4, Kind: provider.Social, Rank: 60}},
	{Name: "companies_house_appointments", Evidence: provider.Evidence{Weight: 0.9, Kind: provider.Detail, Rank: 15}},
}

func TestMerge(t *testing.T) {
	for _, tt := range mergeTests {
		t.Run(tt.name, func(t *testing.T) {
			got := summaries(Merge(tt.results, testSources))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Merge:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestMergeIgnoresInputOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tt := range mergeTests {
		want := Merge(tt.results, testSources)
		for range 20 {
			shuffled := shuffle(rng, tt.results)
			if got := Merge(shuffled, testSources); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: shuffled input gave\n %q\n want %q", tt.name, summaries(got), summaries(want))
			}
		}
	}
}

// shuffle permutes the results and the executives inside each.
func shuffle(rng *rand.Rand, results []*schemas.DiscoveryResult) []*schemas.DiscoveryResult {
	out := make([]*schemas.DiscoveryResult, len(results))
	for i, r := range results {
		if r != nil {
			c := *r
			c.Executives = append([]schemas.Executive(nil), r.Executives...)
			rng.Shuffle(len(c.Executives), func(a, b int) { c.Executives[a], c.Executives[b] = c.Executives[b], c.Executives[a] })
			r = &c
		}
		out[i] = r
	}
	rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out
}

func TestMergeIgnoresInputOrderOnTheLabelledCompanies(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range readCompanies(t) {
		results, _ := c.results()
		want := Merge(results, testSources)
		for range 5 {
			if got := Merge(shuffle(rng, results), testSources); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: shuffled input gave a different merge:\n %q\n want %q", c.Name, summaries(got), summaries(want))
			}
		}
	}
}

// withControl sets natures-of-control codes on e.
func withControl(e schemas.Executive, codes ...string) schemas.Executive {
	e.NaturesOfControl = codes
	return e
}

// birthAndControl writes a merged person's name, sources, month of birth
// and natures of control on one line.
func birthAndControl(e schemas.Executive) string {
	birth := "-"
	if e.BirthMonth != nil && e.BirthYear != nil {
		birth = fmt.Sprintf("%d/%d", *e.BirthMonth, *e.BirthYear)
	}
	return fmt.Sprintf("%s %s born=%s control=%s", e.Name, strings.Join(e.Sources, "+"), birth, strings.Join(e.NaturesOfControl, ","))
}

var birthAndControlTests = []struct {
	name    string
	results []*schemas.DiscoveryResult
	want    []string
}{
	{
		name: "a director who is also an owner is one person with the register's month of birth and her control",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1,
				born(officer("DOE, Jane Elizabeth", "director", "2019-03-14", "", "ch/officer"), 6, 1975),
				born(withControl(officer("Jane Elizabeth Doe", "person-with-significant-control", "2019-03-14", "", "ch/psc"),
					"ownership-of-shares-50-to-75-percent", "right-to-appoint-and-remove-directors"), 6, 1975)),
			result("linkedin", schemas.StatusOK, 0.8, officer("Jane Doe", "CEO", "", "", "")),
		},
		want: []string{"Jane Elizabeth Doe companies_house+linkedin born=6/1975 control=ownership-of-shares-50-to-75-percent,right-to-appoint-and-remove-directors"},
	},
	{
		name: "natures of control from two sources are unioned, each once, the register's first",
		results: []*schemas.DiscoveryResult{
			result("opencorporates", schemas.StatusOK, 1, withControl(officer("Samir Patel", "person-with-significant-control", "", "", ""),
				"voting-rights-25-to-50-percent", "ownership-of-shares-25-to-50-percent")),
			result("companies_house", schemas.StatusOK, 1, born(withControl(officer("PATEL, Samir", "person-with-significant-control", "", "", ""),
				"ownership-of-shares-25-to-50-percent"), 9, 1982)),
		},
		want: []string{"Samir Patel companies_house+opencorporates born=9/1982 control=ownership-of-shares-25-to-50-percent,voting-rights-25-to-50-percent"},
	},
	{
		name: "a weak initial on X that fits only the director does not keep the director and the same person's PSC record apart",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1,
				born(officer("PATEL, Rajesh Kumar", "director", "2018-01-10", "", ""), 3, 1979),
				born(withControl(officer("Patel, Rajesh Kumar", "person-with-significant-control", "2018-01-10", "", ""),
					"ownership-of-shares-75-to-100-percent"), 3, 1979)),
			result("x", schemas.StatusOK, 1, officer("R. Patel", "CEO", "", "", "")),
		},
		want: []string{"Rajesh Kumar Patel companies_house+x born=3/1979 control=ownership-of-shares-75-to-100-percent"},
	},
	{
		name: "a middle name used as the known name and the first name both join the register's full name",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1, born(officer("SMITH, John Robert", "director", "2018-01-10", "", ""), 3, 1979)),
			result("website", schemas.StatusOK, 1, officer("Robert Smith | Founder", "", "", "", "")),
			result("x", schemas.StatusOK, 1, officer("John Smith", "", "", "", "")),
		},
		want: []string{"John Robert Smith companies_house+website+x born=3/1979 control="},
	},
	{
		name: "the company's own account, an organisation and a handle are not people",
		results: []*schemas.DiscoveryResult{
			{Provider: "companies_house", Status: schemas.StatusOK, Confidence: 1,
				Company:    &schemas.CompanyProfile{Name: "ACME WIDGETS LIMITED"},
				Executives: []schemas.Executive{officer("ACME NOMINEES LIMITED", "corporate-nominee-secretary", "", "", "")}},
			result("x", schemas.StatusOK, 1, officer("Acme Widgets", "", "", "", ""), officer("@priyaraman", "", "", "", "")),
			result("website", schemas.StatusOK, 1, officer("Priya Raman", "Director", "", "", "")),
		},
		want: []string{"Priya Raman website born=- control="},
	},
	{
		name: "father and son of one name at the register stay two people, and a profile that fits both joins neither",
		results: []*schemas.DiscoveryResult{
			result("companies_house", schemas.StatusOK, 1,
				born(officer("SMITH, John", "director", "2017-02-01", "", ""), 4, 1970),
				born(withControl(officer("John Smith", "person-with-significant-control", "2016-04-06", "", ""),
					"ownership-of-shares-75-to-100-percent"), 5, 1945)),
			result("x", schemas.StatusOK, 1, officer("John Smith", "", "", "", "")),
		},
		want: []string{
			"John Smith companies_house born=4/1970 control=",
			"John Smith companies_house born=5/1945 control=ownership-of-shares-75-to-100-percent",
			"John Smith x born=- control=",
		},
	},
}

func TestMergeKeepsBirthAndControl(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tt := range birthAndControlTests {
		t.Run(tt.name, func(t *testing.T) {
			merged := Merge(tt.results, testSources)
			got := []string{}
			for _, p := range merged {
				got = append(got, birthAndControl(p))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Merge:\n got  %q\n want %q", got, tt.want)
			}
			for range 20 {
				if again := Merge(shuffle(rng, tt.results), testSources); !reflect.DeepEqual(again, merged) {
					t.Fatalf("shuffled input gave\n %q\n want %q", summaries(again), summaries(merged))
				}
			}
		})
	}
}

func TestMergeKeepsEveryReferenceOfAPerson(t *testing.T) {
	ch := officer("DOE, Jane Elizabeth", "director", "2019-03-14", "", "/company/12345678/appointments/abc")
	psc := officer("Mrs Jane Elizabeth Doe", "person-with-significant-control", "2019-03-14", "", "/company/12345678/persons-with-significant-control/individual/xyz")
	web := officer("Jane Doe", "CEO", "", "", "https://www.acme.example/team/#jane-doe")
	again := officer("Jane Doe", "CEO", "", "", "https://www.acme.example/team/#jane-doe")
	merged := Merge([]*schemas.DiscoveryResult{
		result("website", schemas.StatusOK, 1, web, again),
		result("companies_house", schemas.StatusOK, 1, ch, psc),
	}, testSources)
	if len(merged) != 1 {
		t.Fatalf("Merge gave %q, want Jane once", summaries(merged))
	}
	want := []string{deref(ch.SourceRef), deref(psc.SourceRef), deref(web.SourceRef)}
	if got := merged[0]; deref(got.SourceRef) != want[0] || !reflect.DeepEqual(got.SourceRefs, want) {
		t.Fatalf("source_ref %q, source_refs %q; want %q first of %q", deref(got.SourceRef), got.SourceRefs, want[0], want)
	}
}
