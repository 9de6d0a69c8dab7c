// Package dlq reads the dead-letter topic for `leadgen dlq`: it parses each
// record's leadgen headers into a Letter, filters letters, counts them by
// provider and error class, shows them, and replays them to their
// provider's first retry tier.
//
// The dead-letter topic is an audit log: nothing here deletes or rewrites
// it. A replay produces a copy (route.Replay) and leaves the original in
// place; a copy that fails again comes back with its replay count, so an
// operator can see how often a record was tried.
package dlq
