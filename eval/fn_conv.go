package eval

import (
	"math"
	"strconv"
	"strings"
)

// Conversion functions [D S-convfn].
var convFuncs = map[string]*funcSpec{
	// tostring(v[, format]): format "hex" (0xF), "commas" (12,345.68:
	// two decimals when the number has a fraction), "duration"
	// ([D+]HH:MM:SS), "binary" (1001). A boolean gives "True"/"False".
	"tostring": {min: 1, max: 2, pure: true, ret: tStr, fn: func(a []Value) Value {
		v := a[0]
		if v.k == kindNull {
			return Null()
		}
		if len(a) == 1 || a[1].k == kindNull {
			if v.k == kindMulti {
				return v
			}
			return Str(v.String())
		}
		n, ok := toNum(first(v))
		if !ok {
			return Str(first(v).String())
		}
		switch strings.ToLower(first(a[1]).String()) {
		case "hex":
			return Str("0x" + strings.ToUpper(strconv.FormatInt(int64(n), 16)))
		case "binary":
			return Str(strconv.FormatInt(int64(n), 2))
		case "commas":
			return Str(commas(n))
		case "duration":
			return Str(duration(n))
		}
		return Str(first(v).String())
	}},
	// tonumber(s[, base]): base 2..36, default 10 (which also reads
	// decimals and exponents); null when s does not parse, also with
	// surrounding spaces [D].
	"tonumber": {min: 1, max: 2, pure: true, ret: tNum, fn: func(a []Value) Value {
		v := first(a[0])
		if v.k == kindNull {
			return Null()
		}
		base := 10.0
		if len(a) == 2 {
			b, ok := toNum(first(a[1]))
			if !ok || b < 2 || b > 36 {
				return Null()
			}
			base = b
		}
		if v.k == kindNum && base == 10 {
			return Num(v.f)
		}
		s := v.String()
		if base == 10 {
			if f, ok := parseNumber(s); ok {
				return Num(f)
			}
			if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
				if n, err := strconv.ParseInt(h, 16, 64); err == nil {
					return Num(float64(n))
				}
			}
			return Null()
		}
		if base == 16 {
			s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
		}
		n, err := strconv.ParseInt(s, int(base), 64)
		if err != nil {
			return Null()
		}
		return Num(float64(n))
	}},
}

// commas formats n with thousands separators, rounded to two decimals when
// it has a fraction.
func commas(n float64) string {
	s := formatNumber(n)
	if !isInt(n) {
		s = strconv.FormatFloat(roundDecimal(n, 2), 'f', 2, 64)
	}
	return groupThousands(s)
}

// duration formats seconds as [D+]HH:MM:SS (fractions kept as .ffffff).
func duration(n float64) string {
	neg := n < 0
	n = math.Abs(n)
	sec := int64(n)
	frac := n - float64(sec)
	d, h, m, s := sec/86400, sec%86400/3600, sec%3600/60, sec%60
	out := ""
	if neg {
		out = "-"
	}
	if d > 0 {
		out += strconv.FormatInt(d, 10) + "+"
	}
	out += pad2(h) + ":" + pad2(m) + ":" + pad2(s)
	if frac > 0 {
		out += strings.TrimPrefix(strconv.FormatFloat(frac, 'f', 6, 64), "0")
	}
	return out
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}
