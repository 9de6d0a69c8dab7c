package providertest

import "github.com/leadgen/leadgen/schemas"

// ByNumber is a request for the company with this number, named so that
// no search would find it: a provider reading by number must use the
// number.
func ByNumber(number string) *schemas.CompanyRequest {
	return &schemas.CompanyRequest{RequestID: "r1", CompanyName: "ANY LTD", CompanyNumber: &number}
}
