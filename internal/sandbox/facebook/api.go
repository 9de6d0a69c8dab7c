package facebook

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// Prefix is the path the API is served under, as
// https://graph.facebook.com is.
const Prefix = "/facebook"

// HourlyBudget is the app's simulated hourly call budget, the base of
// the X-App-Usage percentages when no quota is configured: Graph allows
// 200 calls per hour per user of the app, so an app with 24 users has
// 4800.
const HourlyBudget = 4800

// server answers the API's routes from the dataset.
type server struct {
	// appSecret, when set, is the secret every call's appsecret_proof
	// must be made with.
	appSecret string
}

// Mount adds the API's routes under Prefix at its place, behind the
// per-token quota or only the usage it reports, and a
// non-empty appSecret requires every call to prove it with
// appsecret_proof, as an app with "Require App Secret" on does. Every
// answer past the checks carries the app's usage; a call Graph refuses
// does not spend the quota.
func Mount(at route.Place, appSecret string) {
	s := &server{appSecret: appSecret}
	routes := at.Behind(s.accessToken)
	routes.HandleFunc("GET "+Prefix+"/{version}/pages/search", s.search)
	routes.HandleFunc("GET "+Prefix+"/{version}/{id}", s.page)
	at.Handle(Prefix+"/", noRoute)
}

// search is GET /pages/search?q=: the companies with a Page whose name
// the query matches, in the requested fields.
func (s *server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		respond.WriteRaw(w, http.StatusBadRequest, NoQueryBody)
		return
	}
	limit, ok := respond.IntParam(q, "limit", 25)
	if !ok || limit == 0 {
		limit = 25
	}
	fields := fields(q.Get("fields"), "id,name")
	data := []map[string]any{}
	for _, h := range dataset.Search(text) {
		id := dataset.NumericID(h.Company, "facebook", 15)
		if dataset.Social().ByPage[id] != nil && len(data) < limit {
			data = append(data, pick(pageOf(h.Company), fields))
		}
	}
	respond.WriteJSON(w, http.StatusOK, map[string]any{"data": data, "paging": map[string]any{"cursors": map[string]string{"before": "MAZDZD", "after": "MjQZD"}}})
}

// page is GET /{page-id}?fields=.
func (s *server) page(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	c := dataset.Social().ByPage[id]
	if c == nil {
		respond.WriteRaw(w, http.StatusBadRequest, fmt.Sprintf(`{"error":{"message":"Unsupported get request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation.","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"ASandboxTrace6"}}`, jsonEscape(id)))
		return
	}
	respond.WriteJSON(w, http.StatusOK, pick(pageOf(c), fields(r.URL.Query().Get("fields"), "name")))
}

// fields are the fields asked for, id always among them, def when none.
func fields(raw, def string) []string {
	if strings.TrimSpace(raw) == "" {
		raw = def
	}
	return append(strings.Split(raw, ","), "id")
}

// pick keeps the fields asked for, as Graph returns only those.
func pick(all map[string]any, fields []string) map[string]any {
	out := map[string]any{}
	for _, f := range fields {
		if v, ok := all[strings.TrimSpace(f)]; ok {
			out[strings.TrimSpace(f)] = v
		}
	}
	return out
}

// pageOf is every field of a company's Page; about a third are
// verified.
func pageOf(c *dataset.Company) map[string]any {
	status := "not_verified"
	if dataset.Draw(c, "fbverified", 3) == 0 {
		status = "blue_verified"
	}
	street := strings.TrimSpace(c.Address.Premises + " " + c.Address.Line1)
	return map[string]any{
		"id": dataset.NumericID(c, "facebook", 15), "name": dataset.DisplayName(*c),
		"about": dataset.DisplayName(*c) + " on Facebook.", "website": "https://www." + c.Domain,
		"emails": []string{"info@" + c.Domain}, "phone": "+44 20 7946 " + fmt.Sprintf("%04d", dataset.Hash32("p"+c.Number)%10000),
		"single_line_address": street + ", " + c.Address.Locality + ", United Kingdom, " + c.Address.PostalCode,
		"location":            map[string]any{"street": street, "city": c.Address.Locality, "zip": c.Address.PostalCode, "country": "United Kingdom"},
		"category":            "Company", "link": "https://www.facebook.com/" + dataset.HandleOrLabel(c), "username": dataset.HandleOrLabel(c),
		"fan_count": int(dataset.Hash32("fan"+c.Number) % 9000), "followers_count": int(dataset.Hash32("fol"+c.Number) % 9500),
		"verification_status": status,
	}
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}
