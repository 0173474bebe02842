package validate

// decimal is a JSON number literal read as 0.d1d2...dn × 10^exp, with the
// significant digits taken from the literal without copying.
type decimal struct {
	neg     bool
	intPart string // the digits before the point
	frac    string // the digits after it
	lead, n int    // the significant digits are (intPart+frac)[lead:lead+n]
	exp     int64
	zero    bool
}

// parseDecimal reads a valid JSON number literal.
func parseDecimal(s string) decimal {
	var d decimal
	if s != "" && s[0] == '-' {
		d.neg = true
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	d.intPart, s = s[:i], s[i:]
	if s != "" && s[0] == '.' {
		j := 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		d.frac, s = s[1:j], s[j:]
	}
	var e int64
	if s != "" { // exponent
		s = s[1:]
		eneg := false
		if s != "" && (s[0] == '+' || s[0] == '-') {
			eneg = s[0] == '-'
			s = s[1:]
		}
		for _, c := range []byte(s) {
			if e < 1<<40 {
				e = e*10 + int64(c-'0')
			}
		}
		if eneg {
			e = -e
		}
	}
	total := len(d.intPart) + len(d.frac)
	lead := 0
	for lead < total && d.digit(lead) == '0' {
		lead++
	}
	if lead == total {
		d.zero = true
		return d
	}
	last := total - 1
	for d.digit(last) == '0' {
		last--
	}
	d.lead, d.n = lead, last-lead+1
	d.exp = int64(len(d.intPart)-lead) + e
	return d
}

// digit returns the k-th digit of intPart+frac.
func (d *decimal) digit(k int) byte {
	if k < len(d.intPart) {
		return d.intPart[k]
	}
	return d.frac[k-len(d.intPart)]
}

// numEqual reports whether two valid JSON number literals denote the same
// number (1, 1.0, 10e-1 and 0.1e1 are equal; -0 equals 0).
func numEqual(a, b string) bool {
	x, y := parseDecimal(a), parseDecimal(b)
	if x.zero || y.zero {
		return x.zero == y.zero
	}
	if x.neg != y.neg || x.exp != y.exp || x.n != y.n {
		return false
	}
	for k := 0; k < x.n; k++ {
		if x.digit(x.lead+k) != y.digit(y.lead+k) {
			return false
		}
	}
	return true
}

// unixTime converts a valid RFC 3339 date-time to Unix seconds and
// nanoseconds, leap seconds included, without time.Parse (which refuses
// :60 and allocates for offsets).
func unixTime(s string) (sec, nsec int64) {
	num := func(s string) int64 {
		var v int64
		for _, c := range []byte(s) {
			v = v*10 + int64(c-'0')
		}
		return v
	}
	y, m, d := num(s[0:4]), num(s[5:7]), num(s[8:10])
	h, mi, se := num(s[11:13]), num(s[14:16]), num(s[17:19])
	rest := s[19:]
	if rest != "" && rest[0] == '.' {
		i := 1
		scale := int64(100000000)
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			nsec += int64(rest[i]-'0') * scale
			scale /= 10
			i++
		}
		rest = rest[i:]
	}
	var off int64
	if len(rest) == 6 {
		off = num(rest[1:3])*3600 + num(rest[4:6])*60
		if rest[0] == '-' {
			off = -off
		}
	}
	return daysFromCivil(y, m, d)*86400 + h*3600 + mi*60 + se - off, nsec
}

// daysFromCivil counts days from 1970-01-01 in the proleptic Gregorian
// calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
