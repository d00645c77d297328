package geoip

// names is a record's localized names by language code.
type names struct {
	Names map[string]string `maxminddb:"names"`
}

// in returns the name in lang, else the English one, else "".
func (n names) in(lang string) string {
	if v, ok := n.Names[lang]; ok {
		return v
	}
	return n.Names["en"]
}

// cityRecord is the part of a GeoIP2-City record iplocation reads.
type cityRecord struct {
	City         names   `maxminddb:"city"`
	Continent    names   `maxminddb:"continent"`
	Country      names   `maxminddb:"country"`
	Subdivisions []names `maxminddb:"subdivisions"`
	Location     struct {
		Latitude  *float64 `maxminddb:"latitude"`
		Longitude *float64 `maxminddb:"longitude"`
		MetroCode uint     `maxminddb:"metro_code"`
		TimeZone  string   `maxminddb:"time_zone"`
	} `maxminddb:"location"`
}
