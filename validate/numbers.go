package validate

import (
	"math/big"
	"strconv"
	"strings"
)

// decimal is a JSON number literal read as 0.d1d2...dn × 10^exp, with the
// significant digits taken from the literal without copying.
type decimal struct {
	neg     bool
	intPart string // the digits before the point
	frac    string // the digits after it
	lead, n int    // the significant digits are (intPart+frac)[lead:lead+n]
	// exp is the exponent when the literal's exponent has at most
	// smallExpDigits digits. Otherwise huge is set and the exponent is
	// hugeNeg/hugeMag: a sign and a magnitude in decimal digits, exact at
	// any length.
	exp     int64
	huge    bool
	hugeNeg bool
	hugeMag string
	zero    bool
}

// smallExpDigits is the longest exponent kept in an int64: with the
// position of the point added, which is below 2^48 for any input held in
// memory, it cannot overflow.
const smallExpDigits = 14

// parseDecimal reads a valid JSON number literal. It allocates only for
// exponents of more than smallExpDigits digits.
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
	eneg := false
	var edigits string
	if s != "" { // exponent
		s = s[1:]
		if s != "" && (s[0] == '+' || s[0] == '-') {
			eneg = s[0] == '-'
			s = s[1:]
		}
		for s != "" && s[0] == '0' {
			s = s[1:]
		}
		edigits = s
		if len(edigits) <= smallExpDigits {
			for _, c := range []byte(edigits) {
				e = e*10 + int64(c-'0')
			}
			if eneg {
				e = -e
			}
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
	point := int64(len(d.intPart) - lead)
	if len(edigits) <= smallExpDigits {
		d.exp = point + e
		return d
	}
	d.huge = true
	pn, pm := signedMag(point)
	d.hugeNeg, d.hugeMag = signedAdd(eneg, edigits, pn, pm)
	return d
}

// digit returns the k-th digit of intPart+frac.
func (d *decimal) digit(k int) byte {
	if k < len(d.intPart) {
		return d.intPart[k]
	}
	return d.frac[k-len(d.intPart)]
}

// sign returns -1, 0 or 1.
func (d *decimal) sign() int {
	switch {
	case d.zero:
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// expo returns the exponent as a sign and a magnitude.
func (d *decimal) expo() (bool, string) {
	if d.huge {
		return d.hugeNeg, d.hugeMag
	}
	return signedMag(d.exp)
}

// cmpExp compares the exponents of two non-zero decimals.
func cmpExp(x, y *decimal) int {
	if !x.huge && !y.huge {
		return cmp64(x.exp, y.exp)
	}
	xn, xm := x.expo()
	yn, ym := y.expo()
	return signedCmp(xn, xm, yn, ym)
}

// numCmp compares two valid JSON number literals exactly, at any size and
// any exponent: -1 when a < b, 0 when they denote the same number (1, 1.0,
// 10e-1 and 0.1e1 are equal; -0 equals 0), 1 when a > b.
func numCmp(a, b string) int {
	x, y := parseDecimal(a), parseDecimal(b)
	sx, sy := x.sign(), y.sign()
	if sx != sy {
		return cmp64(int64(sx), int64(sy))
	}
	if sx == 0 {
		return 0
	}
	c := cmpExp(&x, &y)
	if c == 0 {
		c = cmpDigits(&x, &y)
	}
	return c * sx
}

// cmpDigits compares the significant digits of two decimals with the same
// exponent. The last significant digit is never zero, so when one list is a
// prefix of the other, the longer is the larger.
func cmpDigits(x, y *decimal) int {
	for k := 0; k < x.n && k < y.n; k++ {
		if a, b := x.digit(x.lead+k), y.digit(y.lead+k); a != b {
			if a < b {
				return -1
			}
			return 1
		}
	}
	return cmp64(int64(x.n), int64(y.n))
}

// numEqual reports whether two valid JSON number literals denote the same
// number.
func numEqual(a, b string) bool { return numCmp(a, b) == 0 }

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// signedMag splits an int64 into a sign and a decimal magnitude.
func signedMag(v int64) (bool, string) {
	if v == 0 {
		return false, ""
	}
	if v < 0 {
		return true, strconv.FormatUint(uint64(-v), 10)
	}
	return false, strconv.FormatInt(v, 10)
}

// Magnitudes are decimal digit strings without leading zeros; "" is zero.

func magCmp(a, b string) int {
	if len(a) != len(b) {
		return cmp64(int64(len(a)), int64(len(b)))
	}
	return strings.Compare(a, b)
}

// magAdd returns a+b.
func magAdd(a, b string) string {
	if len(a) < len(b) {
		a, b = b, a
	}
	out := make([]byte, len(a)+1)
	carry := byte(0)
	for i := 0; i < len(a); i++ {
		s := a[len(a)-1-i] - '0' + carry
		if i < len(b) {
			s += b[len(b)-1-i] - '0'
		}
		carry = s / 10
		out[len(out)-1-i] = '0' + s%10
	}
	out[0] = '0' + carry
	return trimZeros(out)
}

// magSub returns a-b for a >= b.
func magSub(a, b string) string {
	out := make([]byte, len(a))
	borrow := 0
	for i := 0; i < len(a); i++ {
		s := int(a[len(a)-1-i]-'0') - borrow
		if i < len(b) {
			s -= int(b[len(b)-1-i] - '0')
		}
		borrow = 0
		if s < 0 {
			s += 10
			borrow = 1
		}
		out[len(out)-1-i] = '0' + byte(s)
	}
	return trimZeros(out)
}

func trimZeros(b []byte) string {
	i := 0
	for i < len(b) && b[i] == '0' {
		i++
	}
	return string(b[i:])
}

// signedAdd returns a+b for signed magnitudes.
func signedAdd(an bool, a string, bn bool, b string) (bool, string) {
	if an == bn {
		m := magAdd(a, b)
		return an && m != "", m
	}
	switch magCmp(a, b) {
	case 0:
		return false, ""
	case 1:
		return an, magSub(a, b)
	}
	return bn, magSub(b, a)
}

// signedCmp compares two signed magnitudes.
func signedCmp(an bool, a string, bn bool, b string) int {
	an, bn = an && a != "", bn && b != ""
	if an != bn {
		if an {
			return -1
		}
		return 1
	}
	c := magCmp(a, b)
	if an {
		c = -c
	}
	return c
}

// divisor is a compiled multipleOf: a positive decimal whose significant
// digits D = 2^a × 5^b × m, with m prime to 10.
type divisor struct {
	lit  string
	d    decimal
	a, b int
	m    uint64   // when D has at most 18 digits
	big  *big.Int // m otherwise
}

func newDivisor(lit string) divisor {
	dv := divisor{lit: lit, d: parseDecimal(lit)}
	var digits []byte
	for k := 0; k < dv.d.n; k++ {
		digits = append(digits, dv.d.digit(dv.d.lead+k))
	}
	m, _ := new(big.Int).SetString(string(digits), 10)
	dv.a = int(m.TrailingZeroBits())
	m.Rsh(m, uint(dv.a))
	five, r := big.NewInt(5), new(big.Int)
	for {
		q, rem := new(big.Int).QuoRem(m, five, r)
		if rem.Sign() != 0 {
			break
		}
		m = q
		dv.b++
	}
	if dv.d.n <= 18 {
		dv.m = m.Uint64()
	} else {
		dv.big = m
	}
	return dv
}

// multipleOf reports whether the valid JSON number literal v is an integer
// multiple of dv, exactly. With v = V × 10^p and dv = D × 10^q, where V and
// D are the significant digits, v/dv = V × 10^k / D with k = p - q. V ends
// in a non-zero digit, so no power of ten divides it: a negative k makes
// the quotient a fraction. Otherwise the quotient is whole when m divides V,
// and 2^(a-k) and 5^(b-k) divide V. It allocates only for huge exponents or
// divisors of more than 18 digits, and reads V once per factor.
func (dv *divisor) multipleOf(v string) bool {
	x := parseDecimal(v)
	if x.zero {
		return true
	}
	var k int64
	if !x.huge && !dv.d.huge {
		k = (x.exp - int64(x.n)) - (dv.d.exp - int64(dv.d.n))
	} else {
		xn, xm := x.expo()
		pn, pm := signedAdd(xn, xm, true, strconv.Itoa(x.n))
		dn, dm := dv.d.expo()
		qn, qm := signedAdd(dn, dm, true, strconv.Itoa(dv.d.n))
		kn, km := signedAdd(pn, pm, !qn, qm)
		switch {
		case kn:
			return false
		case len(km) > 9:
			k = 1 << 30 // above any a or b
		default:
			k, _ = strconv.ParseInt("0"+km, 10, 64)
		}
	}
	if k < 0 {
		return false
	}
	if dv.big != nil {
		if digitsMod(&x, dv.big).Sign() != 0 {
			return false
		}
	} else if dv.m > 1 && digitsMod64(&x, dv.m) != 0 {
		return false
	}
	if need := int64(dv.a) - k; need > 0 {
		if need > 60 {
			if digitsMod(&x, new(big.Int).Lsh(big.NewInt(1), uint(need))).Sign() != 0 {
				return false
			}
		} else if digitsMod64(&x, 1<<need) != 0 {
			return false
		}
	}
	if need := int64(dv.b) - k; need > 0 {
		p := new(big.Int).Exp(big.NewInt(5), big.NewInt(need), nil)
		if need > 25 {
			if digitsMod(&x, p).Sign() != 0 {
				return false
			}
		} else if digitsMod64(&x, p.Uint64()) != 0 {
			return false
		}
	}
	return true
}

// digitsMod64 returns the significant digits of x modulo m < 2^60.
func digitsMod64(x *decimal, m uint64) uint64 {
	var r uint64
	for k := 0; k < x.n; k++ {
		r = (r*10 + uint64(x.digit(x.lead+k)-'0')) % m
	}
	return r
}

// digitsMod returns the significant digits of x modulo m, 18 digits at a
// time.
func digitsMod(x *decimal, m *big.Int) *big.Int {
	r, chunk, scale := new(big.Int), new(big.Int), new(big.Int)
	for k := 0; k < x.n; k += 18 {
		end := min(k+18, x.n)
		var c uint64
		p := uint64(1)
		for j := k; j < end; j++ {
			c = c*10 + uint64(x.digit(x.lead+j)-'0')
			p *= 10
		}
		r.Mul(r, scale.SetUint64(p))
		r.Add(r, chunk.SetUint64(c))
		r.Mod(r, m)
	}
	return r
}

// numKey is a canonical spelling of a valid JSON number literal: equal
// numbers have equal keys.
func numKey(lit string) string {
	d := parseDecimal(lit)
	if d.zero {
		return "0"
	}
	var b strings.Builder
	if d.neg {
		b.WriteByte('-')
	}
	for k := 0; k < d.n; k++ {
		b.WriteByte(d.digit(d.lead + k))
	}
	en, em := d.expo()
	b.WriteByte('e')
	if en {
		b.WriteByte('-')
	}
	b.WriteString(em)
	return b.String()
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
