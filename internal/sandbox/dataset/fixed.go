package dataset

// handWritten returns the companies written out by hand: the ones that
// mirror shared/fixtures, and the ones that hold the name variants the
// downstream dedupe must cope with. Tests look them up by number.
func handWritten() []Company {
	return []Company{
		acmeWidgets(), acmeWidgetsUK(), acmeHoldings(),
		bramblewickSprockets(), periwinkleRobotics(), zoetropeCeramics(),
		loughsideNoodles(), thistledownPartners(),
	}
}

var (
	controlMajority = []string{"ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent", "right-to-appoint-and-remove-directors"}
	controlQuarter  = []string{"ownership-of-shares-25-to-50-percent"}
)

// acmeWidgets mirrors the Companies House fixtures for 12345678.
func acmeWidgets() Company {
	return Company{
		Number: "12345678", Name: "ACME WIDGETS LIMITED", Status: "active", Type: "ltd",
		Jurisdiction: "england-wales", CreatedOn: "2019-03-14",
		Address:  Address{Premises: "10", Line1: "High Street", Locality: "London", PostalCode: "EC1A 1BB", Country: "England"},
		Domain:   "acme-widgets.example",
		SICCodes: []string{"62012", "62020"},
		Officers: []Officer{
			{ID: "lMmiFHEDXUISPwYXxzPD-ZijlII", AppointmentID: "y5aLDTt7WtenbadPPeKe1-BpA60", Name: "DOE, Jane Elizabeth", Role: "director", AppointedOn: "2019-03-14", Occupation: "Chief Executive", Nationality: "British", Residence: "England", BirthMonth: 6, BirthYear: 1975},
			{ID: "Y-7-tBrvzDw7tplKHhkcX4x8N-M", AppointmentID: "0PWRARam016rqXcOjwURDvXFKOY", Name: "SMITH, Robert", Role: "secretary", AppointedOn: "2021-01-04"},
			{ID: "BTm_QC6Xb5sDtmOLgLh0vJYyYzE", AppointmentID: "l5rHqmapw58CRkA04bVAjVJdiP0", Name: "BROWN, Alice", Role: "director", AppointedOn: "2019-03-14", ResignedOn: "2020-11-30", Occupation: "Director", Nationality: "Irish", Residence: "England", BirthMonth: 2, BirthYear: 1980},
		},
		PSCs: []PSC{
			{ID: "vLLtcUU1xdVC4x3tXu2szkiDluE", Kind: PSCIndividual, Name: "Mrs Jane Elizabeth Doe", Title: "Mrs", Forename: "Jane", MiddleName: "Elizabeth", Surname: "Doe", NotifiedOn: "2019-03-14", NaturesOfControl: controlMajority, Nationality: "British", Residence: "England", BirthMonth: 6, BirthYear: 1975},
			{ID: "Qx1yZ2aB3cD4eF5gH6iJ7kL8mN9", Kind: PSCCorporate, Name: "ACME HOLDINGS LIMITED", NotifiedOn: "2020-06-01", NaturesOfControl: controlQuarter, RegistrationNumber: "07654321"},
		},
	}
}

// acmeWidgetsUK mirrors the dissolved second hit of the search fixture.
func acmeWidgetsUK() Company {
	return Company{
		Number: "09876543", Name: "ACME WIDGETS (UK) LTD", Status: "dissolved", Type: "ltd",
		Jurisdiction: "england-wales", CreatedOn: "2015-10-01", CeasedOn: "2021-05-04",
		Address:  Address{Line1: "Station Road", Locality: "Leeds", PostalCode: "LS1 4AP", Country: "England"},
		Domain:   "acme-widgets-uk.example",
		SICCodes: []string{"46690"},
		Officers: []Officer{
			{ID: "pT3lq8WvXo2sN0dYh5bKc7mRzAe", AppointmentID: "Jw4nE9sQk2LxV7bHt0pYc3mGuDf", Name: "PATEL, Samir", Role: "director", AppointedOn: "2015-10-01", ResignedOn: "2021-05-04", Occupation: "Director", Nationality: "British", Residence: "England", BirthMonth: 9, BirthYear: 1982},
			{ID: "Rk8vB2nQw5ZyX1cTm4hJd9sLpFo", AppointmentID: "aE6gU3kWq9NzY2rVb7tXc1mHsPl", Name: "OLDHAM, Robert James", Role: "secretary", AppointedOn: "2015-10-01", ResignedOn: "2018-02-28"},
		},
		PSCs: []PSC{
			{ID: "fH2kL9mQ4wR7tY1uI5oP8aS3dG6", Kind: PSCIndividual, Name: "Mr Samir Patel", Title: "Mr", Forename: "Samir", Surname: "Patel", NotifiedOn: "2016-04-06", CeasedOn: "2021-05-04", NaturesOfControl: controlMajority, Nationality: "British", Residence: "England", BirthMonth: 9, BirthYear: 1982},
		},
	}
}

// acmeHoldings is the corporate PSC of ACME WIDGETS LIMITED.
func acmeHoldings() Company {
	return Company{
		Number: "07654321", Name: "ACME HOLDINGS LIMITED", Status: "active", Type: "ltd",
		Jurisdiction: "england-wales", CreatedOn: "2011-06-20",
		Address:  Address{Premises: "1", Line1: "Canada Square", Locality: "London", PostalCode: "E14 5AB", Country: "England"},
		Domain:   "acme-holdings.example",
		SICCodes: []string{"64209"},
		Officers: []Officer{
			{ID: "lMmiFHEDXUISPwYXxzPD-ZijlII", AppointmentID: "c3Vb8nM1qW6eR9tY2uI4oP7aS0d", Name: "DOE, Jane Elizabeth", Role: "director", AppointedOn: "2011-06-20", Occupation: "Company Director", Nationality: "British", Residence: "England", BirthMonth: 6, BirthYear: 1975},
			{ID: "zX5cV8bN2mQ4wE7rT1yU9iO3pA6", AppointmentID: "hJ4kL7zX1cV5bN8mQ2wE6rT9yU3", Name: "ACME SECRETARIES LIMITED", Role: "corporate-secretary", AppointedOn: "2011-06-20"},
		},
		PSCs: []PSC{
			{ID: "gF5dS8aP1oI4uY7tR0eW3qZ6xC9", Kind: PSCIndividual, Name: "Mrs Jane Elizabeth Doe", Title: "Mrs", Forename: "Jane", MiddleName: "Elizabeth", Surname: "Doe", NotifiedOn: "2016-04-06", NaturesOfControl: controlMajority, Nationality: "British", Residence: "England", BirthMonth: 6, BirthYear: 1975},
		},
	}
}
