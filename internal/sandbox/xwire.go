package sandbox

// The X API v2 bodies (shared/fixtures/x).

type xUser struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Username      string         `json:"username"`
	CreatedAt     string         `json:"created_at"`
	Description   string         `json:"description"`
	URL           string         `json:"url"`
	Verified      bool           `json:"verified"`
	VerifiedType  string         `json:"verified_type"`
	Entities      xEntities      `json:"entities"`
	PublicMetrics xPublicMetrics `json:"public_metrics"`
}

type xEntities struct {
	URL struct {
		URLs []xURLEntity `json:"urls"`
	} `json:"url"`
}

type xURLEntity struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	URL         string `json:"url"`
	ExpandedURL string `json:"expanded_url"`
	DisplayURL  string `json:"display_url"`
}

type xPublicMetrics struct {
	FollowersCount int `json:"followers_count"`
	FollowingCount int `json:"following_count"`
	TweetCount     int `json:"tweet_count"`
	ListedCount    int `json:"listed_count"`
	LikeCount      int `json:"like_count"`
}

type xProblem struct {
	Value        string `json:"value"`
	Detail       string `json:"detail"`
	Title        string `json:"title"`
	ResourceType string `json:"resource_type"`
	Parameter    string `json:"parameter"`
	ResourceID   string `json:"resource_id"`
	Type         string `json:"type"`
}

type xUsersPage struct {
	Data   []xUser    `json:"data,omitempty"`
	Errors []xProblem `json:"errors,omitempty"`
}

type xPost struct {
	ID             string   `json:"id"`
	Text           string   `json:"text"`
	EditHistoryIDs []string `json:"edit_history_tweet_ids"`
	AuthorID       string   `json:"author_id"`
	CreatedAt      string   `json:"created_at"`
	Lang           string   `json:"lang"`
}

type xSearchPage struct {
	Data     []xPost `json:"data,omitempty"`
	Includes *struct {
		Users []xUser `json:"users"`
	} `json:"includes,omitempty"`
	Meta xSearchMeta `json:"meta"`
}

type xSearchMeta struct {
	NewestID    string `json:"newest_id,omitempty"`
	OldestID    string `json:"oldest_id,omitempty"`
	ResultCount int    `json:"result_count"`
}

func xNotFound(handle, param string) xProblem {
	return xProblem{Value: handle, Detail: "Could not find user with " + param + ": [" + handle + "].",
		Title: "Not Found Error", ResourceType: "user", Parameter: param, ResourceID: handle,
		Type: "https://api.twitter.com/2/problems/resource-not-found"}
}

// xUserOf is the company's account; about a third are verified
// businesses.
func xUserOf(c *Company) xUser {
	short := "https://t.co/" + numericID(c, "tco", 10)
	site := "https://www." + c.Domain + "/"
	verified := draw(c, "xverified", 3) == 0
	u := xUser{
		ID: numericID(c, "x", 19), Name: displayName(c), Username: handleOf(c),
		CreatedAt:   c.CreatedOn + "T09:00:00.000Z",
		Description: displayName(c) + ". News and updates from the team.",
		URL:         short, Verified: verified, VerifiedType: "none",
		PublicMetrics: xPublicMetrics{FollowersCount: int(hash32("f"+c.Number) % 20000), FollowingCount: int(hash32("g"+c.Number) % 900),
			TweetCount: int(hash32("t"+c.Number) % 5000), ListedCount: int(hash32("l"+c.Number) % 90), LikeCount: int(hash32("k"+c.Number) % 3000)},
	}
	if verified {
		u.VerifiedType = "business"
	}
	u.Entities.URL.URLs = []xURLEntity{{Start: 0, End: len(short), URL: short, ExpandedURL: site, DisplayURL: "www." + c.Domain}}
	return u
}

// xSearchPageOf is one post per account, linking to its site, with the
// authors in includes when expanded.
func xSearchPageOf(accounts []*Company, expand bool) xSearchPage {
	var page xSearchPage
	for _, c := range accounts {
		id := numericID(c, "post", 19)
		page.Data = append(page.Data, xPost{ID: id, EditHistoryIDs: []string{id}, AuthorID: numericID(c, "x", 19),
			Text:      "New from " + displayName(c) + ": https://t.co/" + numericID(c, "tco", 10),
			CreatedAt: "2025-05-20T09:15:02.000Z", Lang: "en"})
	}
	page.Meta.ResultCount = len(page.Data)
	if len(page.Data) > 0 {
		page.Meta.NewestID, page.Meta.OldestID = page.Data[0].ID, page.Data[len(page.Data)-1].ID
	}
	if expand && len(accounts) > 0 {
		page.Includes = &struct {
			Users []xUser `json:"users"`
		}{}
		for _, c := range accounts {
			page.Includes.Users = append(page.Includes.Users, xUserOf(c))
		}
	}
	return page
}
