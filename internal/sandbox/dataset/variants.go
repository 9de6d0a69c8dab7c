package dataset

// The companies in this file exist for the downstream dedupe tests: each
// holds names that are the same person written differently, or different
// people written almost the same.

// bramblewickSprockets has one person twice (officer "SMITH, John Robert"
// and PSC "Mr John Robert Smith") and a different person with a near name
// ("SMITH, Joan").
func bramblewickSprockets() Company {
	return Company{
		Number: "10000001", Name: "BRAMBLEWICK SPROCKETS LIMITED", Status: "active", Type: "ltd",
		Jurisdiction: "england-wales", CreatedOn: "2017-02-01",
		Address:  Address{Premises: "4", Line1: "Mill Lane", Locality: "Bristol", PostalCode: "BS1 5TR", Country: "England"},
		Domain:   "bramblewick-sprockets.example",
		SICCodes: []string{"28150"},
		Officers: []Officer{
			{ID: "sM1tHj0hNr0bErT5aNdB0xQ2wE4", AppointmentID: "aA1bB2cC3dD4eE5fF6gG7hH8iI9", Name: "SMITH, John Robert", Role: "director", AppointedOn: "2017-02-01", Occupation: "Engineer", Nationality: "British", Residence: "England", BirthMonth: 4, BirthYear: 1970},
			{ID: "sM1tHj0aN5eC0nDp3rS0nZ9xY8w", AppointmentID: "jJ1kK2lL3mM4nN5oO6pP7qQ8rR9", Name: "SMITH, Joan", Role: "director", AppointedOn: "2018-09-12", Occupation: "Accountant", Nationality: "British", Residence: "England", BirthMonth: 11, BirthYear: 1972},
			{ID: "kH7aN2pQ9wR4tL6mZ1xC8vB3nJ5", AppointmentID: "sS1tT2uU3vV4wW5xX6yY7zZ8aA9", Name: "KHAN, Priya", Role: "secretary", AppointedOn: "2019-01-07"},
			{ID: "wH1tE3mQ5rT7yU9iO2pA4sD6fG8", AppointmentID: "bB1cC2dD3eE4fF5gG6hH7iI8jJ9", Name: "WHITE, Thomas Edward", Role: "director", AppointedOn: "2017-02-01", ResignedOn: "2019-12-31", Occupation: "Director", Nationality: "British", Residence: "England", BirthMonth: 1, BirthYear: 1965},
		},
		PSCs: []PSC{
			{ID: "pS1cJ0hNrObErTsM1tH2xQ4wE6r", Kind: PSCIndividual, Name: "Mr John Robert Smith", Title: "Mr", Forename: "John", MiddleName: "Robert", Surname: "Smith", NotifiedOn: "2017-02-01", NaturesOfControl: controlMajority, Nationality: "British", Residence: "England", BirthMonth: 4, BirthYear: 1970},
			{ID: "pS2jO4nSm1tH6yU8iO0pA2sD4fG", Kind: PSCIndividual, Name: "Mrs Joan Smith", Title: "Mrs", Forename: "Joan", Surname: "Smith", NotifiedOn: "2018-09-12", NaturesOfControl: controlQuarter, Nationality: "British", Residence: "England", BirthMonth: 11, BirthYear: 1972},
		},
	}
}

// periwinkleRobotics has titles and honours (Sir, Dr), double-barrelled
// surnames and a corporate director.
func periwinkleRobotics() Company {
	return Company{
		Number: "10000002", Name: "PERIWINKLE ROBOTICS PLC", Status: "active", Type: "plc",
		Jurisdiction: "england-wales", CreatedOn: "2008-05-19",
		Address:  Address{Premises: "Unit 7", Line1: "Canal Wharf", Locality: "Manchester", PostalCode: "M1 3HU", Country: "England"},
		Domain:   "periwinkle-robotics.example",
		SICCodes: []string{"28990", "72190"},
		Officers: []Officer{
			{ID: "pEm8eRt0nHoLt1aRtHuR5iR3jA7", AppointmentID: "cC1dD2eE3fF4gG5hH6iI7jJ8kK9", Name: "PEMBERTON-HOLT, Arthur James, Sir", Role: "director", AppointedOn: "2008-05-19", Occupation: "Chairman", Nationality: "British", Residence: "England", BirthMonth: 3, BirthYear: 1955},
			{ID: "oK4fOrCh1aMaK2aDr7xQ9wE3rT5", AppointmentID: "dD1eE2fF3gG4hH5iI6jJ7kK8lL9", Name: "OKAFOR, Chiamaka, Dr", Role: "director", AppointedOn: "2014-10-01", Occupation: "Chief Technology Officer", Nationality: "British", Residence: "England", BirthMonth: 7, BirthYear: 1981},
			{ID: "fF0rBeS6hAmIlT0nHuG0xQ2wE4r", AppointmentID: "eE1fF2gG3hH4iI5jJ6kK7lL8mM9", Name: "FFORBES-HAMILTON, Hugo", Role: "secretary", AppointedOn: "2012-01-16"},
			{ID: "wY8nNeJ0nEsCaTr1n2xQ4wE6rT8", AppointmentID: "fF1gG2hH3iI4jJ5kK6lL7mM8nN9", Name: "WYNNE-JONES, Catrin Elin", Role: "director", AppointedOn: "2008-05-19", ResignedOn: "2016-03-31", Occupation: "Finance Director", Nationality: "Welsh", Residence: "Wales", BirthMonth: 12, BirthYear: 1968},
			{ID: "pN0mInEeS1iMiTeD2xQ4wE6rT8y", AppointmentID: "gG1hH2iI3jJ4kK5lL6mM7nN8oO9", Name: "PERIWINKLE NOMINEES LIMITED", Role: "corporate-director", AppointedOn: "2010-07-01"},
		},
		PSCs: []PSC{
			{ID: "pSaRtHuRpEmBeRtOnHoLt5x7w9q", Kind: PSCIndividual, Name: "Sir Arthur James Pemberton-Holt", Title: "Sir", Forename: "Arthur", MiddleName: "James", Surname: "Pemberton-Holt", NotifiedOn: "2016-04-06", NaturesOfControl: controlQuarter, Nationality: "British", Residence: "England", BirthMonth: 3, BirthYear: 1955},
			{ID: "pScHiAmAkAoKaFoR3x5w7q9z1k2", Kind: PSCIndividual, Name: "Dr Chiamaka Okafor", Title: "Dr", Forename: "Chiamaka", Surname: "Okafor", NotifiedOn: "2016-04-06", NaturesOfControl: controlQuarter, Nationality: "British", Residence: "England", BirthMonth: 7, BirthYear: 1981},
		},
	}
}

// zoetropeCeramics is a Scottish company with diacritics, written with and
// without them for the same person across officer and PSC lists.
func zoetropeCeramics() Company {
	return Company{
		Number: "SC123456", Name: "ZOETROPE CERAMICS LTD", Status: "active", Type: "ltd",
		Jurisdiction: "scotland", CreatedOn: "2013-08-22",
		Address:  Address{Premises: "22", Line1: "Candleriggs", Locality: "Glasgow", PostalCode: "G1 1LD", Country: "Scotland"},
		Domain:   "zoetrope-ceramics.example",
		SICCodes: []string{"23410"},
		Officers: []Officer{
			{ID: "gA5rC1aJ0sEl8uIs2xQ4wE6rT8y", AppointmentID: "hH1iI2jJ3kK4lL5mM6nN7oO8pP9", Name: "GARCÍA, José Luis", Role: "director", AppointedOn: "2013-08-22", Occupation: "Potter", Nationality: "Spanish", Residence: "Scotland", BirthMonth: 5, BirthYear: 1977},
			{ID: "bR0nT3zO3x5w7q9z1k3m5n7b9v1", AppointmentID: "iI1jJ2kK3lL4mM5nN6oO7pP8qQ9", Name: "BRONTË, Zoë", Role: "director", AppointedOn: "2015-02-02", Occupation: "Designer", Nationality: "British", Residence: "Scotland", BirthMonth: 10, BirthYear: 1986},
			{ID: "oB9rIeNsIoBhAn4x6w8q0z2k4m6", AppointmentID: "jJ1kK2lL3mM4nN5oO6pP7qQ8rR9", Name: "O'BRIEN, Siobhán", Role: "secretary", AppointedOn: "2013-08-22"},
			{ID: "mU1lLeRjUrGeN3x5w7q9z1k3m5n", AppointmentID: "kK1lL2mM3nN4oO5pP6qQ7rR8sS9", Name: "MÜLLER, Jürgen", Role: "director", AppointedOn: "2013-08-22", ResignedOn: "2014-11-30", Occupation: "Investor", Nationality: "German", Residence: "Germany", BirthMonth: 2, BirthYear: 1960},
		},
		PSCs: []PSC{
			{ID: "pSjOsElUiSgArCiA2x4w6q8z0k2", Kind: PSCIndividual, Name: "Mr Jose Luis Garcia", Title: "Mr", Forename: "Jose", MiddleName: "Luis", Surname: "Garcia", NotifiedOn: "2016-04-06", NaturesOfControl: controlMajority, Nationality: "Spanish", Residence: "Scotland", BirthMonth: 5, BirthYear: 1977},
			{ID: "pSzOeBrOnTe3x5w7q9z1k3m5n7b", Kind: PSCIndividual, Name: "Ms Zoë Brontë", Title: "Ms", Forename: "Zoë", Surname: "Brontë", NotifiedOn: "2016-04-06", NaturesOfControl: controlQuarter, Nationality: "British", Residence: "Scotland", BirthMonth: 10, BirthYear: 1986},
		},
	}
}

// loughsideNoodles is a Northern Ireland company in liquidation whose PSC
// has ceased.
func loughsideNoodles() Company {
	return Company{
		Number: "NI654321", Name: "LOUGHSIDE NOODLE BAR LIMITED", Status: "liquidation", Type: "ltd",
		Jurisdiction: "northern-ireland", CreatedOn: "2016-11-03",
		Address:  Address{Premises: "3", Line1: "Donegall Quay", Locality: "Belfast", PostalCode: "BT1 3EA", Country: "Northern Ireland"},
		Domain:   "loughside-noodle-bar.example",
		SICCodes: []string{"56101"},
		Officers: []Officer{
			{ID: "mC4lLiStEr5cIaRaN7x9w1q3z5k", AppointmentID: "lL1mM2nN3oO4pP5qQ6rR7sS8tT9", Name: "MCALLISTER, Ciarán", Role: "director", AppointedOn: "2016-11-03", Occupation: "Chef", Nationality: "Irish", Residence: "Northern Ireland", BirthMonth: 8, BirthYear: 1984},
			{ID: "dU6nLoPaOiFe8x0w2q4z6k8m0n2", AppointmentID: "mM1nN2oO3pP4qQ5rR6sS7tT8uU9", Name: "DUNLOP, Aoife", Role: "director", AppointedOn: "2016-11-03", Occupation: "Manager", Nationality: "Irish", Residence: "Northern Ireland", BirthMonth: 1, BirthYear: 1990},
		},
		PSCs: []PSC{
			{ID: "pScIaRaNmCaLlIsTeR4x6w8q0z2", Kind: PSCIndividual, Name: "Mr Ciarán McAllister", Title: "Mr", Forename: "Ciarán", Surname: "McAllister", NotifiedOn: "2016-11-03", CeasedOn: "2023-06-30", NaturesOfControl: controlMajority, Nationality: "Irish", Residence: "Northern Ireland", BirthMonth: 8, BirthYear: 1984},
		},
	}
}

// thistledownPartners is an LLP: its officers are members, one of them a
// company.
func thistledownPartners() Company {
	return Company{
		Number: "OC400123", Name: "THISTLEDOWN PARTNERS LLP", Status: "active", Type: "llp",
		Jurisdiction: "england-wales", CreatedOn: "2015-04-01",
		Address:  Address{Premises: "9", Line1: "Bedford Row", Locality: "London", PostalCode: "WC1R 4BU", Country: "England"},
		Domain:   "thistledown-partners.example",
		SICCodes: []string{"69201"},
		Officers: []Officer{
			{ID: "aSh0kNaIr1x3w5q7z9k1m3n5b7v", AppointmentID: "nN1oO2pP3qQ4rR5sS6tT7uU8vV9", Name: "NAIR, Ashok", Role: "llp-designated-member", AppointedOn: "2015-04-01", Nationality: "British", Residence: "England", BirthMonth: 6, BirthYear: 1969},
			{ID: "hA1lEyHaNnAh3x5w7q9z1k3m5n7", AppointmentID: "oO1pP2qQ3rR4sS5tT6uU7vV8wW9", Name: "HALEY, Hannah", Role: "llp-member", AppointedOn: "2018-04-01", Nationality: "British", Residence: "England", BirthMonth: 9, BirthYear: 1983},
			{ID: "tH1sTlEdOwNnOm2x4w6q8z0k2m4", AppointmentID: "pP1qQ2rR3sS4tT5uU6vV7wW8xX9", Name: "THISTLEDOWN NOMINEES LIMITED", Role: "corporate-llp-designated-member", AppointedOn: "2015-04-01"},
		},
		PSCs: []PSC{
			{ID: "pSaShOkNaIr5x7w9q1z3k5m7n9b", Kind: PSCIndividual, Name: "Mr Ashok Nair", Title: "Mr", Forename: "Ashok", Surname: "Nair", NotifiedOn: "2016-04-06", NaturesOfControl: []string{"right-to-share-surplus-assets-50-to-75-percent-limited-liability-partnership"}, Nationality: "British", Residence: "England", BirthMonth: 6, BirthYear: 1969},
		},
	}
}
