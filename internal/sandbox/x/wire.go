package x

import "github.com/leadgen/leadgen/internal/sandbox/dataset"

// The X API v2 bodies (shared/fixtures/x).

type user struct {
	ID            string        `json:"id"`
	Name          string        `json:"name"`
	Username      string        `json:"username"`
	CreatedAt     string        `json:"created_at"`
	Description   string        `json:"description"`
	URL           string        `json:"url"`
	Verified      bool          `json:"verified"`
	VerifiedType  string        `json:"verified_type"`
	Entities      entities      `json:"entities"`
	PublicMetrics publicMetrics `json:"public_metrics"`
}

type entities struct {
	URL struct {
		URLs []urlEntity `json:"urls"`
	} `json:"url"`
}

type urlEntity struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	URL         string `json:"url"`
	ExpandedURL string `json:"expanded_url"`
	DisplayURL  string `json:"display_url"`
}

type publicMetrics struct {
	FollowersCount int `json:"followers_count"`
	FollowingCount int `json:"following_count"`
	TweetCount     int `json:"tweet_count"`
	ListedCount    int `json:"listed_count"`
	LikeCount      int `json:"like_count"`
}

type problem struct {
	Value        string `json:"value"`
	Detail       string `json:"detail"`
	Title        string `json:"title"`
	ResourceType string `json:"resource_type"`
	Parameter    string `json:"parameter"`
	ResourceID   string `json:"resource_id"`
	Type         string `json:"type"`
}

type usersPage struct {
	Data   []user    `json:"data,omitempty"`
	Errors []problem `json:"errors,omitempty"`
}

type post struct {
	ID             string   `json:"id"`
	Text           string   `json:"text"`
	EditHistoryIDs []string `json:"edit_history_tweet_ids"`
	AuthorID       string   `json:"author_id"`
	CreatedAt      string   `json:"created_at"`
	Lang           string   `json:"lang"`
}

type searchPage struct {
	Data     []post `json:"data,omitempty"`
	Includes *struct {
		Users []user `json:"users"`
	} `json:"includes,omitempty"`
	Meta searchMeta `json:"meta"`
}

type searchMeta struct {
	NewestID    string `json:"newest_id,omitempty"`
	OldestID    string `json:"oldest_id,omitempty"`
	ResultCount int    `json:"result_count"`
}

func notFound(handle, param string) problem {
	return problem{Value: handle, Detail: "Could not find user with " + param + ": [" + handle + "].",
		Title: "Not Found Error", ResourceType: "user", Parameter: param, ResourceID: handle,
		Type: "https://api.twitter.com/2/problems/resource-not-found"}
}

// userOf is the company's account; about a third are verified
// businesses.
func userOf(c *dataset.Company) user {
	short := "https://t.co/" + dataset.NumericID(c, "tco", 10)
	site := "https://www." + c.Domain + "/"
	verified := dataset.Draw(c, "xverified", 3) == 0
	u := user{
		ID: dataset.NumericID(c, "x", 19), Name: dataset.DisplayName(*c), Username: dataset.Handle(c),
		CreatedAt:   c.CreatedOn + "T09:00:00.000Z",
		Description: dataset.DisplayName(*c) + ". News and updates from the team.",
		URL:         short, Verified: verified, VerifiedType: "none",
		PublicMetrics: publicMetrics{FollowersCount: int(dataset.Hash32("f"+c.Number) % 20000), FollowingCount: int(dataset.Hash32("g"+c.Number) % 900),
			TweetCount: int(dataset.Hash32("t"+c.Number) % 5000), ListedCount: int(dataset.Hash32("l"+c.Number) % 90), LikeCount: int(dataset.Hash32("k"+c.Number) % 3000)},
	}
	if verified {
		u.VerifiedType = "business"
	}
	u.Entities.URL.URLs = []urlEntity{{Start: 0, End: len(short), URL: short, ExpandedURL: site, DisplayURL: "www." + c.Domain}}
	return u
}

// searchPageOf is one post per account, linking to its site, with the
// authors in includes when expanded.
func searchPageOf(accounts []*dataset.Company, expand bool) searchPage {
	var page searchPage
	for _, c := range accounts {
		id := dataset.NumericID(c, "post", 19)
		page.Data = append(page.Data, post{ID: id, EditHistoryIDs: []string{id}, AuthorID: dataset.NumericID(c, "x", 19),
			Text:      "New from " + dataset.DisplayName(*c) + ": https://t.co/" + dataset.NumericID(c, "tco", 10),
			CreatedAt: "2025-05-20T09:15:02.000Z", Lang: "en"})
	}
	page.Meta.ResultCount = len(page.Data)
	if len(page.Data) > 0 {
		page.Meta.NewestID, page.Meta.OldestID = page.Data[0].ID, page.Data[len(page.Data)-1].ID
	}
	if expand && len(accounts) > 0 {
		page.Includes = &struct {
			Users []user `json:"users"`
		}{}
		for _, c := range accounts {
			page.Includes.Users = append(page.Includes.Users, userOf(c))
		}
	}
	return page
}
