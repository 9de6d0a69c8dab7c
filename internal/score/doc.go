// Package score rates how good a lead is, from 0 to 100, as a weighted sum
// of four components, each itself 0..100:
//
//	score = 0.40·official + 0.25·agreement + 0.20·web + 0.15·status
//
// rounded to two decimals and clamped to 0..100.
//
//   - official (OfficialSource): the result of the register provider
//     (Kind provider.Register in the registry: Companies House). OK with at
//     least one current officer: 100; OK without current people: 50; a
//     FALLBACK answer (secondary register or stale cache) scores 75 and
//     25 the same way; NOT_FOUND, FAILED or no result: 0. When the
//     provider reported more than once, the best answer counts.
//   - agreement (CrossSourceAgreement): 100·(0.6·people + 0.4·company).
//     people is the share of the lead's people named by at least two
//     sources. company is the share of the other providers that returned
//     a company profile agreeing with the most official one (same company
//     number when both have one, else the same name once case,
//     punctuation and Ltd/Limited/PLC/LLP are set aside); it is 0 when
//     fewer than two providers returned a profile.
//   - web (WebPresence): of the web providers expected for the request
//     (Kind Web or Social in the registry: website, x, linkedin,
//     facebook; all of them when the results do not say), the share that found the company: an OK result counts 1, a
//     FALLBACK result with data counts 0.5. No web provider expected: 0.
//   - status (CompanyStatus): active (or open, registered) 100; unknown or
//     missing 50; dormant or inactive 40; in liquidation, administration,
//     receivership, insolvency or a voluntary arrangement 10; dissolved,
//     closed or removed 0.
//
// Explain writes one sentence per component for the people who read the
// lead, ending with the points it adds out of its most ("Companies House
// lists 3 current officers or owners (40 of 40)."); Reexplain keeps it
// true after Rescore.
package score
