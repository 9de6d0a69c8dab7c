package chstream

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// The sandbox's people, from whom generated appointments and PSC
// notifications are drawn.
var (
	forenames = []string{"Jane", "Amir", "Siobhan", "Tomasz", "Priya", "Callum", "Grace", "Oluwaseun", "Hannah", "Rhys"}
	surnames  = []string{"DOE", "KHAN", "MURPHY", "NOWAK", "PATEL", "REID", "OKAFOR", "EVANS", "WALSH", "HUGHES"}
	roles     = []string{"director", "director", "director", "secretary"}
	statuses  = []string{"active", "active", "liquidation", "administration", "dissolved"}
)

// epoch is the date generated events are published from: timepoint t is
// published t-Start seconds after it.
var epoch = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// event is a stream event as the API writes it.
type event struct {
	ResourceKind string `json:"resource_kind"`
	ResourceURI  string `json:"resource_uri"`
	ResourceID   string `json:"resource_id"`
	Data         any    `json:"data"`
	Event        meta   `json:"event"`
}

type meta struct {
	Timepoint     int64    `json:"timepoint"`
	PublishedAt   string   `json:"published_at"`
	Type          string   `json:"type"`
	FieldsChanged []string `json:"fields_changed,omitempty"`
}

// draw is a deterministic pseudo-random number of timepoint t and salt.
func draw(t int64, salt uint64) uint64 {
	x := uint64(t)*0x9e3779b97f4a7c15 + salt
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// companyAt is the company the event at timepoint t is about: one of the
// dataset's every watchedEvery-th event, else a company the dataset does
// not have (the register has millions; a watchlist holds few).
func (c Config) companyAt(t int64) (number, name string) {
	if c.DatasetEvery > 0 && t%int64(c.DatasetEvery) == 0 {
		co := dataset.At(int(draw(t, 1) % uint64(dataset.Len())))
		return co.Number, co.Name
	}
	n := draw(t, 2) % 10_000_000
	return fmt.Sprintf("%08d", 80_000_000+n), fmt.Sprintf("SANDBOX UNWATCHED %d LIMITED", n)
}

// eventAt renders the event of stream at timepoint t.
func (c Config) eventAt(stream string, t int64) event {
	number, name := c.companyAt(t)
	day := epoch.Add(time.Duration(t-c.Start) * time.Second)
	m := meta{Timepoint: t, PublishedAt: day.Format("2006-01-02T15:04:05"), Type: "changed"}
	id := fmt.Sprintf("sb%016x", draw(t, 3))
	person := fmt.Sprintf("%s, %s", surnames[draw(t, 4)%10], forenames[draw(t, 5)%10])
	date := day.Format(time.DateOnly)
	ended := draw(t, 6)%4 == 0
	switch stream {
	case "persons-with-significant-control":
		data := map[string]any{"name": person, "kind": "individual-person-with-significant-control",
			"notified_on": date, "natures_of_control": []string{"ownership-of-shares-25-to-50-percent"}}
		if ended {
			data["ceased_on"], m.FieldsChanged = date, []string{"ceased_on"}
		}
		return event{"company-psc-individual", "/company/" + number + "/persons-with-significant-control/individual/" + id, id, data, m}
	case "companies":
		data := map[string]any{"company_name": name, "company_number": number,
			"company_status": statuses[draw(t, 7)%uint64(len(statuses))]}
		m.FieldsChanged = []string{"company_status"}
		return event{"company-profile", "/company/" + number, number, data, m}
	default:
		data := map[string]any{"name": person, "officer_role": roles[draw(t, 8)%uint64(len(roles))], "appointed_on": date}
		if ended {
			data["resigned_on"], m.FieldsChanged = date, []string{"resigned_on"}
		}
		return event{"company-officers", "/company/" + number + "/appointments/" + id, id, data, m}
	}
}

// line is the event at t as one NDJSON line.
func (c Config) line(stream string, t int64) []byte {
	b, err := json.Marshal(c.eventAt(stream, t))
	if err != nil {
		panic(fmt.Sprintf("sandbox stream: marshal event: %v", err)) // only plain maps and strings
	}
	return append(b, '\n')
}
