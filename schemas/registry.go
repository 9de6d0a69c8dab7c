package schemas

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/linkedin/goavro/v2"
)

// writer is one released version of a top-level record's schema, as frozen
// in history/<Record>.v<N>.avsc.
type writer struct {
	version int
	codec   *goavro.Codec
}

// recordCodec writes a top-level record with its current schema and reads it
// written with any released schema. It is built once at init and is safe for
// concurrent use, like the goavro codecs it holds.
type recordCodec struct {
	name    string
	current *goavro.Codec
	history []writer                 // by version, oldest first
	byPrint map[uint64]*goavro.Codec // every readable writer, current included
}

var (
	companyRequests  = mustRecordCodec("CompanyRequest")
	discoveryResults = mustRecordCodec("DiscoveryResult")
	enrichedLeads    = mustRecordCodec("EnrichedLead")

	companiesHouseEvents = mustRecordCodec("CompaniesHouseEvent")
	watchEntries         = mustRecordCodec("WatchEntry")
	leadChanges          = mustRecordCodec("LeadChange")

	// records are the top-level records, each carried on its own topic.
	records = []*recordCodec{companyRequests, discoveryResults, enrichedLeads, companiesHouseEvents, watchEntries, leadChanges}

	// owners names the record of every schema fingerprint this package
	// knows, so a reader handed another record's bytes can say which.
	owners = mustOwners()
)

// mustRecordCodec panics because the schemas are embedded at compile time:
// a bad one is a programming error that every test run catches.
func mustRecordCodec(name string) *recordCodec {
	rc, err := newRecordCodec(name)
	if err != nil {
		panic(fmt.Sprintf("schemas: %v", err))
	}
	return rc
}

func newRecordCodec(name string) (*recordCodec, error) {
	current, err := codecFromFile(name + ".avsc")
	if err != nil {
		return nil, err
	}
	history, err := loadHistory(name)
	if err != nil {
		return nil, err
	}
	rc := &recordCodec{name: name, current: current, history: history,
		byPrint: map[uint64]*goavro.Codec{current.Rabin: current}}
	for _, w := range history {
		if _, ok := rc.byPrint[w.codec.Rabin]; !ok {
			rc.byPrint[w.codec.Rabin] = w.codec
		}
	}
	return rc, nil
}

// loadHistory reads history/<name>.v<N>.avsc, ordered by N.
func loadHistory(name string) ([]writer, error) {
	paths, err := fs.Glob(files, "history/"+name+".v*.avsc")
	if err != nil {
		return nil, fmt.Errorf("list history of %s: %w", name, err)
	}
	out := make([]writer, 0, len(paths))
	for _, p := range paths {
		n := strings.TrimSuffix(strings.TrimPrefix(p, "history/"+name+".v"), ".avsc")
		v, err := strconv.Atoi(n)
		if err != nil {
			return nil, fmt.Errorf("history file %s: version %q is not a number", p, n)
		}
		c, err := codecFromFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, writer{version: v, codec: c})
	}
	slices.SortFunc(out, func(a, b writer) int { return a.version - b.version })
	return out, nil
}

func codecFromFile(path string) (*goavro.Codec, error) {
	b, err := files.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	c, err := goavro.NewCodec(string(b))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return c, nil
}

func mustOwners() map[uint64]string {
	out := make(map[uint64]string)
	for _, name := range names {
		c, err := codecFromFile(name + ".avsc")
		if err != nil {
			panic(fmt.Sprintf("schemas: %v", err))
		}
		out[c.Rabin] = name
	}
	for _, rc := range records {
		for fp := range rc.byPrint {
			out[fp] = rc.name
		}
	}
	return out
}

// resolve turns a datum decoded with an older writer schema into the
// current reader's shape. goavro has no schema resolution, but its encoder
// fills every field missing from a record map with the field's default and
// ignores fields the schema lacks, so encoding with the current codec and
// decoding again applies the Avro rules this project evolves by: fields are
// only added, each with a default. Only old records pay for the round trip.
func (rc *recordCodec) resolve(native any) (any, error) {
	b, err := rc.current.BinaryFromNative(nil, native)
	if err != nil {
		return nil, fmt.Errorf("resolve to current schema: %w", err)
	}
	out, _, err := rc.current.NativeFromBinary(b)
	if err != nil {
		return nil, fmt.Errorf("resolve to current schema: %w", err)
	}
	return out, nil
}
