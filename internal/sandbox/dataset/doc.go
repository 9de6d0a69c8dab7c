// Package dataset is the sandbox's fictional world: UK companies with
// their officers and persons with significant control, written by hand
// (handwritten.yaml, read once) or drawn from a fixed seed, the name
// variants dedupe must merge, and each company's simulated web presence
// (X account, LinkedIn page, Facebook Page, website and how that site is
// laid out). Every Draw is a hash of the company number or a seeded
// generator, so the dataset is the same on every run. The simulated
// provider APIs render it; none of them is imported here.
package dataset
