package eval

// Prefiltering events for subsearches. A search whose subsearches (append,
// join, [...], appendpipe, foreach) read the input events keeps, while the
// events are read, those that its leading search or any subsearch's
// leading search may keep: the union of their filters. Only map, whose
// searches are made at run time, can read any event.

// subsearcher is implemented by stages that run subsearches, so that
// ReadsEvents can tell whether a subsearch reads the input events, and
// EventFilter which events it may read.
type subsearcher interface {
	readsEvents() bool
	// eventFilters are the filters of the subsearches' event reads; ok
	// is false when one of them may read any event.
	eventFilters() (fs []*EventFilter, ok bool)
}

// eventFilters lists the filters of every read of the input events by p:
// its leading search, when it reads events, and each subsearch's at any
// depth. ok is false when one of them may read any event.
func (p *Program) eventFilters() (fs []*EventFilter, ok bool) {
	if p == nil {
		return nil, true
	}
	if p.leadsWithEvents() {
		f := p.leadFilter()
		if f == nil {
			return nil, false
		}
		fs = append(fs, f)
	}
	nested, ok := p.nestedEventFilters()
	return append(fs, nested...), ok
}

// nestedEventFilters is eventFilters without p's leading search.
func (p *Program) nestedEventFilters() (fs []*EventFilter, ok bool) {
	if p == nil {
		return nil, true
	}
	for _, st := range p.stages {
		s, isSub := st.(subsearcher)
		if !isSub || !s.readsEvents() {
			continue
		}
		sub, ok := s.eventFilters()
		if !ok {
			return nil, false
		}
		fs = append(fs, sub...)
	}
	return fs, true
}

// anyOf is the filter that keeps an event when any of fs keeps it; nil
// (keep everything) when fs is empty.
func anyOf(fs []*EventFilter) *EventFilter {
	switch len(fs) {
	case 0:
		return nil
	case 1:
		return fs[0]
	}
	return &EventFilter{any: fs}
}

func (s *appendStage) eventFilters() ([]*EventFilter, bool)     { return s.sub.eventFilters() }
func (s *joinStage) eventFilters() ([]*EventFilter, bool)       { return s.sub.eventFilters() }
func (s *appendpipeStage) eventFilters() ([]*EventFilter, bool) { return s.sub.nestedEventFilters() }
func (s *foreachStage) eventFilters() ([]*EventFilter, bool)    { return s.probe.nestedEventFilters() }

// eventFilters of map: its searches are made from each row at run time;
// with every $token$ replaced by * the search matches at least the events
// any of them can [I: a token value that adds OR terms of its own makes a
// search broader than that; such a search may then miss events the
// prefilter dropped]. When that search does not compile, any event may be
// read.
func (s *mapStage) eventFilters() ([]*EventFilter, bool) {
	if s.wildcard == nil {
		return nil, false
	}
	return s.wildcard.eventFilters()
}

func (s *searchSubStage) eventFilters() ([]*EventFilter, bool) {
	var fs []*EventFilter
	for _, p := range s.subs {
		if !p.ReadsEvents() {
			continue
		}
		sub, ok := p.eventFilters()
		if !ok {
			return nil, false
		}
		fs = append(fs, sub...)
	}
	return fs, true
}
