package cim

// Dataset describes one data-model dataset that tstats can query.
type Dataset struct {
	Model  string  // "Endpoint"
	Name   string  // root dataset name, also the field prefix: "Processes"
	Fields []Field // declared fields (inherited _time, host, source, sourcetype excluded)
}

// Field is a declared field of a dataset.
type Field struct {
	Name string // without prefix: "process_name"
	// Unknown is true for the CIM's calculated fields that become the
	// string "unknown" when the source leaves them null or empty.
	Unknown bool
}

// FullName is the dataset as tstats names it: "Endpoint.Processes".
func (d *Dataset) FullName() string { return d.Model + "." + d.Name }

// LookupDataset returns the dataset called name ("Endpoint.Processes").
func LookupDataset(name string) (*Dataset, bool) {
	for _, d := range Datasets() {
		if d.FullName() == name {
			return d, true
		}
	}
	return nil, false
}

// Datasets returns every dataset spelunk knows, freshly built (callers may
// modify the result).
func Datasets() []*Dataset {
	return []*Dataset{endpointProcesses()}
}

// endpointProcesses is a placeholder until the embedded definitions land.
func endpointProcesses() *Dataset {
	return &Dataset{Model: "Endpoint", Name: "Processes"}
}
