// Package ssrf fetches pages from hosts named by untrusted input (a
// company's domain) without letting them reach anything but the public
// internet, following OWASP's guidance for server-side request forgery:
//
//   - the URL is built from a validated host name (Hostname), never taken
//     from the input: no scheme, port, path, user info or IP literal;
//   - every address a name resolves to is checked when it is dialled, in
//     net.Dialer.Control, so a DNS answer that changes between a check
//     and the connection (DNS rebinding) cannot slip past. The block list
//     is code.dny.dev/ssrf's, maintained from the IANA special-purpose
//     registries: loopback, RFC 1918, link-local (and so the cloud
//     metadata address 169.254.169.254), CGNAT 100.64/10, multicast,
//     unspecified, documentation and reserved ranges; for IPv6 anything
//     outside global unicast 2000::/3, which covers ::1, ULA fc00::/7
//     (and so fd00:ec2::254), link-local and the IPv4-mapped and
//     -compatible forms of any address. Only ports 80 and 443 over TCP;
//   - http and https only, at most MaxRedirects redirects, each target
//     checked again before it is followed;
//   - at most MaxBody bytes of body (more is ErrTooLarge, not a silent
//     cut) and MaxTimeout for a whole fetch;
//   - no proxy taken from the environment: a proxy would do the dialling
//     and the guard would check the proxy, not the target.
//
// The one exception is Config.Exempt, for a leadgen sandbox on loopback:
// it names exact host:port pairs the guard lets through. Nothing sets it
// by default.
package ssrf
