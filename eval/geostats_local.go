package eval

import "slices"

// applyLocalLimit keeps, in each row of geostats' pivoted output, the
// localLimit series with the largest values of each aggregate and adds the
// values of the others into the row's OTHER cell (see geostatsStage). The
// output holds one block of columns per aggregate (its series, then OTHER
// when the globallimit left some out); a block without OTHER gets one when
// some row needs it.
func (s *geostatsStage) applyLocalLimit(out *rowSet, sp *statsSpec) {
	names := sp.aggNames()
	nagg := len(names)
	if nagg == 0 || (len(out.fields)-1)%nagg != 0 {
		return
	}
	width := (len(out.fields) - 1) / nagg
	otherName := func(a int) string {
		if nagg == 1 {
			return "OTHER"
		}
		return names[a] + ": OTHER"
	}
	zero := make([]bool, nagg)
	for a, name := range names {
		for _, ag := range sp.aggs {
			if ag.name == name && (ag.kind.fn == "count" || ag.kind.fn == "dc") {
				zero[a] = true
			}
		}
	}
	fill := func(a int) Value {
		if zero[a] {
			return Num(0)
		}
		return Null()
	}
	hasOther := make([]bool, nagg)
	for a := range nagg {
		hasOther[a] = out.fields[1+a*width+width-1] == otherName(a)
	}
	// fold is one block's cells after folding, OTHER last.
	type fold struct{ cells []Value }
	var fields []string
	fields = append(fields, out.fields[0])
	needOther := make([]bool, nagg)
	folded := make([][]fold, len(out.rows))
	for ri, r := range out.rows {
		folded[ri] = make([]fold, nagg)
		for a := range nagg {
			block := r[1+a*width : 1+(a+1)*width]
			series := block
			other := Null()
			if hasOther[a] {
				series, other = block[:width-1], block[width-1]
			}
			order := make([]int, len(series))
			for i := range order {
				order[i] = i
			}
			slices.SortStableFunc(order, func(i, j int) int {
				fi, oki := toNum(series[i])
				fj, okj := toNum(series[j])
				switch {
				case oki && !okj:
					return -1
				case !oki && okj:
					return 1
				case fi > fj:
					return -1
				case fi < fj:
					return 1
				}
				return 0
			})
			cells := slices.Clone(series)
			sum, any := 0.0, false
			if f, ok := toNum(other); ok {
				sum, any = f, true
			}
			moved := false
			for _, i := range order[min(s.localLimit, len(order)):] {
				if f, ok := toNum(series[i]); ok && f != 0 {
					sum, any, moved = sum+f, true, true
					cells[i] = fill(a)
				}
			}
			switch {
			case any:
				other = Num(sum)
			case other.IsNull():
				other = fill(a)
			}
			if moved && !hasOther[a] {
				needOther[a] = true
			}
			folded[ri][a] = fold{cells: append(cells, other)}
		}
	}
	for a := range nagg {
		fields = append(fields, out.fields[1+a*width:1+(a+1)*width]...)
		if needOther[a] {
			fields = append(fields, otherName(a))
		}
	}
	for ri := range out.rows {
		row := make(Row, 0, len(fields))
		row = append(row, out.rows[ri][0])
		for a := range nagg {
			c := folded[ri][a].cells
			if hasOther[a] || needOther[a] {
				row = append(row, c...)
			} else {
				row = append(row, c[:len(c)-1]...)
			}
		}
		out.rows[ri] = row
	}
	out.fields, out.idx = fields, nil
}
