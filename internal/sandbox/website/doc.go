// Package website serves the sandbox's company websites: GET /website/{host}/{path} stands for
// https://{host}/{path} and GET /website/http/{host}/{path} for
// http://{host}/{path} ("http" is no host name: a host has a dot), where
// host is a dataset company's domain or its www. form. A client maps one
// onto the other (the website provider's SandboxURL); nothing else
// changes. Each site answers where its layout says (hosts.go): a host
// that would not answer gets a 502 carrying UnreachableHeader, which
// the client turns into the network error it stands for. Each serves a
// robots.txt (robots.go) but, like a real site, never enforces it:
// the sandbox's call log shows what a client asked for.
// Pages carry schema.org JSON-LD built from the officers (render.go),
// in the shape the company's dataset.SiteShape says.
package website
