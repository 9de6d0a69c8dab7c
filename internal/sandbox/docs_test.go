package sandbox

import (
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	chReference = "https://developer-specs.company-information.service.gov.uk/companies-house-public-data-api/reference/"
	ocReference = "https://api.opencorporates.com/documentation/API-Reference"
	xErrors     = "https://docs.x.com/x-api/fundamentals/response-codes-and-errors"
	liLookup    = "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api"
)

// fixtureDocs names, for every example response in testdata (copies of
// shared/fixtures), the page of the provider's documentation whose
// example, schema or error description it follows. A shape test compares
// the sandbox's answer with the example, so the sandbox answers as that
// page says the real API does.
var fixtureDocs = map[string]string{
	"companies_house/search_companies.json":                 chReference + "search/search-companies",
	"companies_house/company_profile.json":                  chReference + "company-profile/company-profile",
	"companies_house/officers.json":                         chReference + "officers/list",
	"companies_house/persons_with_significant_control.json": chReference + "persons-with-significant-control/list",
	"companies_house/stream_event.json":                     "https://developer-specs.company-information.service.gov.uk/streaming-api/guides/overview",
	"opencorporates/company.json":                           ocReference + "#companies",
	"opencorporates/companies_search.json":                  ocReference + "#search",
	"opencorporates/error_403_quota.json":                   ocReference + "#errors",
	"x/user_by_username.json":                               "https://docs.x.com/x-api/users/get-user-by-username",
	"x/users_by_partial_errors.json":                        "https://docs.x.com/x-api/users/get-users-by-usernames",
	"x/user_not_found_200.json":                             xErrors,
	"x/tweets_search_recent.json":                           "https://docs.x.com/x-api/posts/search-recent-posts",
	"x/error_401.json":                                      xErrors,
	"x/error_429.json":                                      xErrors,
	"linkedin/organizations_finder_vanity_name.json":        liLookup,
	"linkedin/error_documented.json":                        "https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling",
	"linkedin/error_429.json":                               "https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits",
	"facebook/page.json":                                    "https://developers.facebook.com/docs/graph-api/reference/page/",
	"facebook/pages_search.json":                            "https://developers.facebook.com/documentation/pages-api/search-pages",
	"website/organization_graph.html":                       "https://schema.org/Organization",
}

// docOf is the documentation page a fixture follows; a fixture without
// one fails the test that reads it.
func docOf(t *testing.T, fixture string) string {
	t.Helper()
	doc, ok := fixtureDocs[fixture]
	if !ok {
		t.Fatalf("testdata/%s cites no documentation page: add it to fixtureDocs", fixture)
	}
	return doc
}

func TestEveryFixtureCitesTheDocumentationItFollows(t *testing.T) {
	var files []string
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files = append(files, filepath.ToSlash(strings.TrimPrefix(path, "testdata"+string(filepath.Separator))))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cited := slices.Sorted(maps.Keys(fixtureDocs)); !slices.Equal(files, cited) {
		t.Fatalf("testdata holds %q\nfixtureDocs cites %q", files, cited)
	}
	for f, doc := range fixtureDocs {
		if !strings.HasPrefix(doc, "https://") {
			t.Errorf("%s cites %q, not a documentation page", f, doc)
		}
	}
}
