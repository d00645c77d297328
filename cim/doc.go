// Package cim holds the Common Information Model data models that tstats
// queries (Endpoint.Processes first) as definitions, and Table, the columnar
// form a dataset's rows take in memory.
package cim
