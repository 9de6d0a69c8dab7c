package sandbox

import (
	"github.com/leadgen/leadgen/internal/sandbox/linkedin"
	"github.com/leadgen/leadgen/internal/sandbox/website"
)

// LinkedInTokenPath is LinkedIn's OAuth 2.0 token endpoint under
// LinkedInPrefix, as https://www.linkedin.com/oauth/v2/accessToken is
// under www.linkedin.com.
const LinkedInTokenPath = linkedin.TokenPath

// LinkedInNoPermissionPrefix starts a sandbox LinkedIn token that lacks
// rw_organization_admin: every call with it is 403 ACCESS_DENIED.
const LinkedInNoPermissionPrefix = linkedin.NoPermissionPrefix

// WebUnreachableHeader marks a sandbox answer that stands for no answer:
// "nxdomain" for a host name that does not resolve, "refused" for a
// connection refused.
const WebUnreachableHeader = website.UnreachableHeader
