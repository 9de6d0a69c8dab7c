package dataset

// Name parts for the generated companies and people. The first words of
// company names are whimsical on purpose, so nobody mistakes a sandbox
// company for a real one.

var nameFirstWords = []string{
	"QUILLFEATHER", "WOBBLESTONE", "FIZZWICK", "GLIMMERDALE", "PUDDLEBY",
	"THISTLEWHIP", "MARZIPAN", "PERIDOT PUFFIN", "KETTLEBURN", "TUMBLEWEED",
	"PUMPERNICKEL", "SNORKELWORTH", "MOONBEAM", "BUMBLEFORD", "CRUMPETFIELD",
	"DRIZZLECOMBE", "FLAPJACK", "GOOSEBERRY FOOL", "HUMBUG", "JABBERWOCK",
	"LOLLYGAG", "MUDDLEWICK", "NOODLEMARSH", "OTTERWHISTLE", "PICKLEBROOK",
	"QUAGGA", "RUMBLETHORPE", "SPROCKETTY", "TWIDDLEBURY", "UMBRELLA BIRD",
	"VELVETEEN", "WHIFFLETREE", "YODELWOOD", "ZANZIBAR ZEBRA",
}

// trade is a second word of a company name with the SIC codes that fit it.
type trade struct {
	word string
	sic  []string
}

var trades = []trade{
	{"WIDGETS", []string{"25990"}}, {"SPROCKETS", []string{"28150"}},
	{"ANALYTICS", []string{"62012", "63110"}}, {"BAKERY", []string{"10710"}},
	{"JOINERY", []string{"43320"}}, {"LOGISTICS", []string{"49410", "52290"}},
	{"ROBOTICS", []string{"28990"}}, {"CONSULTING", []string{"70229"}},
	{"VENTURES", []string{"64303"}}, {"ENGINEERING", []string{"71129"}},
	{"SOFTWARE", []string{"62012"}}, {"TEXTILES", []string{"13300"}},
	{"BREWING", []string{"11050"}}, {"POTTERY", []string{"23410"}},
	{"FOODS", []string{"10890"}}, {"ENERGY", []string{"35110"}},
	{"MEDIA", []string{"59111", "73110"}}, {"LABS", []string{"72190"}},
	{"TRADING", []string{"46900"}}, {"GARDENS", []string{"81300"}},
	{"KNITWEAR", []string{"14390"}}, {"CYCLES", []string{"30920"}},
}

// locality is a town with the outward-code letters and country of its
// postcodes.
type locality struct {
	town, area, country string
}

var englishTowns = []locality{
	{"London", "EC", "England"}, {"Leeds", "LS", "England"}, {"Bristol", "BS", "England"},
	{"Manchester", "M", "England"}, {"Norwich", "NR", "England"}, {"York", "YO", "England"},
	{"Exeter", "EX", "England"}, {"Cardiff", "CF", "Wales"}, {"Swansea", "SA", "Wales"},
	{"Nottingham", "NG", "England"}, {"Brighton", "BN", "England"},
}

var scottishTowns = []locality{
	{"Edinburgh", "EH", "Scotland"}, {"Glasgow", "G", "Scotland"}, {"Aberdeen", "AB", "Scotland"},
}

var northernIrishTowns = []locality{
	{"Belfast", "BT", "Northern Ireland"}, {"Derry", "BT", "Northern Ireland"},
}

var streets = []string{
	"High Street", "Station Road", "Church Lane", "Mill Lane", "Victoria Road",
	"Market Place", "Queen Street", "Orchard Way", "Canal Side", "Harbour Row",
}

var femaleForenames = []string{
	"Olivia", "Amelia", "Isla", "Ava", "Mia", "Priya", "Zoë", "Siân", "Aoife",
	"Chloé", "Fatima", "Grace", "Harriet", "Imogen", "Niamh", "Eleanor",
}

var maleForenames = []string{
	"Oliver", "George", "Arthur", "Noah", "Muhammad", "Leo", "José", "Rhys",
	"Callum", "Tomasz", "Ewan", "Harvey", "Kwame", "Rory", "Samuel", "Dafydd",
}

var surnames = []string{
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
	"Roberts", "Khan", "Patel", "Campbell", "Murphy", "O'Neill", "MacDonald",
	"Nowak", "Okonkwo", "Brontë", "Núñez", "Ffrench-Mullen", "Lloyd-Webster",
	"Featherstonehaugh", "Singh", "Chen", "Kowalczyk", "Adeyemi",
}

var occupations = []string{
	"Director", "Company Director", "Managing Director", "Engineer",
	"Accountant", "Chief Executive", "Consultant", "Chef", "Designer",
}
